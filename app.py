"""ZI Dashboard: who the session is, the pages its role may open, language, filters, sign-in."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.i18n import LANGS, t
from zi_dashboard.ui import admin, links, nav, resources, session

resources.freeze_startup_objects()  # first run only: full collections skip the imported code

st.set_page_config(page_title="Dasbor ZI", page_icon="✅", layout="wide")

if ui.LANG_KEY not in st.session_state:
    url_lang = st.query_params.get("lang")
    st.session_state[ui.LANG_KEY] = url_lang if url_lang in LANGS else ui.get_settings().lang
lang = ui.current_lang()
principal = session.refresh_principal()  # once per rerun: a disabled account is out at once

public = [
    st.Page("pages/ringkasan.py", title=t("page.ringkasan", lang), icon=":material/dashboard:", default=True),
    st.Page("pages/sebaran_agen.py", title=t("page.sebaran", lang), icon=":material/groups:"),
    st.Page("pages/kehadiran.py", title=t("page.kehadiran", lang), icon=":material/event_available:"),
    st.Page("pages/progres_zi.py", title=t("page.progres", lang), icon=":material/trending_up:"),
    st.Page("pages/profil_unit.py", title=t("page.profil", lang), icon=":material/apartment:"),
    st.Page("pages/rencana_tindak_lanjut.py", title=t("page.rtl", lang), icon=":material/task_alt:"),
    st.Page("pages/unduh_briefing.py", title=t("page.briefing", lang), icon=":material/download:"),
]
admin_pages = [
    st.Page("pages/unggah_data.py", title=t("page.unggah", lang), icon=":material/upload_file:"),
    st.Page("pages/riwayat_data.py", title=t("page.riwayat", lang), icon=":material/history:"),
]
if principal.can_manage_users:
    admin_pages.append(st.Page("pages/pengguna.py", title=t("page.pengguna", lang),
                               icon=":material/manage_accounts:"))
sections = {t("nav.dashboard", lang): public}
if principal.can_upload:
    sections[t("nav.admin", lang)] = admin_pages
if not principal.may_view:  # ZI_ANONYMOUS=none: only the sign-in until someone signs in
    sections = {t("nav.dashboard", lang): public[:1]}
page = st.navigation(sections, position="hidden")  # routing only: nav.page_links draws the links
nav.page_links(sections)
links.capture_request(page.url_path)  # ?unit= of a link or a click, before the filters' URL

with st.sidebar:
    st.selectbox(t("app.language", lang), list(LANGS), format_func=LANGS.get, key=ui.LANG_KEY)
if principal.may_view:
    snapshot = ui.current_snapshot()
    filters = ui.render_filters(snapshot, lang, links.page_params(page.url_path))
    with st.sidebar:
        ui.data_download(snapshot, filters, lang)
with st.sidebar:
    st.divider()
    admin.sign_in_panel(lang)
st.query_params["lang"] = lang

page.run()
