"""Riwayat Data (admins): versions, the diff between two, original files, rollback, audit log."""

import streamlit as st

from zi_dashboard import store, ui
from zi_dashboard.i18n import t
from zi_dashboard.present import admin_tables
from zi_dashboard.ui import admin, upload
from zi_dashboard.ui.page import current_zone

lang, zone = ui.current_lang(), current_zone()
admin.require_admin(lang)
engine, me = ui.get_engine(), ui.current_principal()
st.title(t("page.riwayat", lang))
st.caption(t("riwayat.intro", lang))
upload.show_flash(lang)

versions = store.list_versions(engine)
if not versions:
    ui.empty_state("riwayat.no_versions", lang)
    st.stop()
# A scoped admin sees the details of its own versions only (admin_tables.shows_version_details).
labels = {v.id: admin_tables.version_label(v, lang, zone, me) for v in versions}
ids = list(labels)

st.subheader(t("riwayat.versions_title", lang))
# Times in the viewer's zone, the zone named in the column header: "Waktu (WIB)".
table = admin_tables.versions_table(versions, lang, zone, me)
st.dataframe(table, hide_index=True, width="stretch", column_config={
    admin_tables.time_column(table): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm")})
if not all(admin_tables.shows_version_details(v, me) for v in versions):
    st.caption(t("riwayat.others_hidden", lang))

st.subheader(t("riwayat.diff_title", lang))
left, right = st.columns(2)
old = left.selectbox(t("riwayat.diff_from", lang), ids, index=min(1, len(ids) - 1),
                     format_func=labels.get, key="riwayat.diff_from")
new = right.selectbox(t("riwayat.diff_to", lang), ids, index=0, format_func=labels.get,
                      key="riwayat.diff_to")
upload.show_version_diff(old, new, lang)

st.subheader(t("riwayat.files_title", lang))
chosen = st.selectbox(t("riwayat.files_version", lang), ids, format_func=labels.get,
                      key="riwayat.files_version")
files = upload.version_files(chosen)
if not files:
    st.caption(t("scope.files_hidden" if upload.files_hidden() else "riwayat.no_files", lang))
for n, source in enumerate(files):
    label = t("riwayat.download", lang, name=source.name,
              size=admin_tables.shown_size(source.size, lang))
    st.download_button(admin_tables.escape_markdown(label), source.data, file_name=source.name,
                       key=f"riwayat.file.{chosen}.{n}", icon=":material/download:",
                       on_click="ignore")

st.subheader(t("riwayat.rollback_title", lang))
st.caption(t("riwayat.rollback_help", lang))
others = [v.id for v in versions if not v.is_current]
if me.scoped:  # a rollback moves every unit's data, not only the scope's
    st.caption(t("access.rollback_unscoped_only", lang))
elif not others:
    st.caption(t("riwayat.rollback_only_one", lang))
else:
    with st.form("riwayat.rollback_form"):
        target = st.selectbox(t("riwayat.rollback_target", lang), others, format_func=labels.get,
                              key="riwayat.rollback_target")
        confirmed = st.checkbox(t("riwayat.rollback_confirm", lang), key="riwayat.rollback_confirm")
        submitted = st.form_submit_button(t("riwayat.rollback_button", lang), type="primary",
                                          icon=":material/history:", key="riwayat.rollback")
    if submitted and not confirmed:
        st.warning(t("riwayat.rollback_needs_confirm", lang), icon=":material/warning:")
    elif submitted:
        store.rollback(engine, target, actor=admin.admin_name())
        ui.clear_data_caches()
        upload.flash("success", t("riwayat.rolled_back", lang, version=target))
        st.rerun()

st.subheader(t("riwayat.events_title", lang))
events = store.list_events(engine)
if me.scoped:  # other scopes' uploads and exports are not this account's business
    events = events[events["actor"] == me.label]
    st.caption(t("access.events_own", lang))
if events.empty:
    st.caption(t("riwayat.no_events", lang))
else:
    table = admin_tables.events_table(events, lang, zone)
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        admin_tables.time_column(table): st.column_config.DatetimeColumn(
            format="DD/MM/YYYY HH:mm:ss")})
