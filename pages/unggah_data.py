"""Unggah Data (admins): template, upload, validation report, diff preview, commit."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.i18n import t
from zi_dashboard.present import admin_tables
from zi_dashboard.ui import admin, upload

lang = ui.current_lang()
admin.require_admin(lang)
st.title(t("page.unggah", lang))
st.caption(t("unggah.intro", lang))
upload.show_flash(lang)
upload.scope_note(lang)

with st.container(border=True):
    st.caption(t("unggah.template_help", lang))
    st.download_button(t("unggah.template_button", lang), upload.template_bytes(lang),
                       file_name="templat_dasbor_zi.xlsx" if lang == "id" else "zi_template.xlsx",
                       icon=":material/table_view:", key="unggah.template", on_click="ignore")

max_mb = upload.max_upload_mb()
uploads = st.file_uploader(t("unggah.files_label", lang), type=upload.FILE_TYPES,
                           accept_multiple_files=True, key="unggah.files", max_upload_size=max_mb,
                           help=t("unggah.files_help", lang, max_mb=max_mb))
skip_hidden = st.toggle(t("upload.skip_hidden", lang), key="upload.skip_hidden",
                        help=t("upload.skip_hidden_help", lang))
if not uploads:
    ui.empty_state("unggah.waiting", lang)
    st.stop()
if upload.is_committed(uploads):
    ui.empty_state("unggah.saved_hint", lang)
    st.stop()

files = upload.source_files(uploads)
result, diff = upload.validation_for(files, lang, skip_hidden)
report = result.report

st.subheader(t("unggah.report_title", lang))
upload.render_report(files, result, lang)
upload.render_mapping(files, result, lang)  # before the stop: a mapping can clear an error
state = admin_tables.commit_state(report)
if state == "blocked":
    st.error(admin_tables.escape_markdown(admin_tables.blocking_summary(report, lang)),
             icon=":material/block:")
    st.stop()

st.subheader(t("unggah.diff_title", lang))
current = ui.current_snapshot().version
if current is None:
    st.caption(t("unggah.diff_first", lang))
else:
    st.caption(t("unggah.diff_against", lang, version=current.id))
    scope = admin_tables.upload_scope(result.tables, lang)
    if scope:
        st.caption(t("unggah.partial", lang, datasets=scope, version=current.id))
same = upload.same_version(files, result)
if same is not None:
    st.info(t("unggah.same_as", lang, version=same.id), icon=":material/content_copy:")
upload.render_diff(diff, lang)

st.subheader(t("unggah.commit_title", lang))
if state == "confirm":
    st.warning(t("unggah.warnings", lang, count=len(report.warnings)), icon=":material/warning:")
with st.form("unggah.commit_form", border=True):
    note = st.text_input(t("unggah.note_label", lang), key="unggah.note", max_chars=500,
                         placeholder=t("unggah.note_placeholder", lang))
    confirmed = state != "confirm" or st.checkbox(
        t("unggah.confirm", lang, count=len(report.warnings)), key="unggah.confirm")
    submitted = st.form_submit_button(t("unggah.commit_button", lang), type="primary",
                                      icon=":material/save:", key="unggah.commit")
if submitted and not confirmed:
    st.warning(t("unggah.confirm_needed", lang), icon=":material/warning:")
elif submitted:
    upload.commit_upload(files, result, note, lang)
