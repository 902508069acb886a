"""ZI Dashboard: the page list, language switch, shared filters and the admin gate."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.i18n import LANGS, t
from zi_dashboard.ui import admin

st.set_page_config(page_title="Dasbor ZI", page_icon="✅", layout="wide")

if ui.LANG_KEY not in st.session_state:
    url_lang = st.query_params.get("lang")
    st.session_state[ui.LANG_KEY] = url_lang if url_lang in LANGS else ui.get_settings().lang
lang = ui.current_lang()

snapshot = ui.current_snapshot()

public = [
    st.Page("pages/ringkasan.py", title=t("page.ringkasan", lang), icon=":material/dashboard:", default=True),
    st.Page("pages/sebaran_agen.py", title=t("page.sebaran", lang), icon=":material/groups:"),
    st.Page("pages/kehadiran.py", title=t("page.kehadiran", lang), icon=":material/event_available:"),
    st.Page("pages/progres_zi.py", title=t("page.progres", lang), icon=":material/trending_up:"),
    st.Page("pages/rencana_tindak_lanjut.py", title=t("page.rtl", lang), icon=":material/task_alt:"),
    st.Page("pages/unduh_briefing.py", title=t("page.briefing", lang), icon=":material/download:"),
]
admin_pages = [
    st.Page("pages/unggah_data.py", title=t("page.unggah", lang), icon=":material/upload_file:"),
    st.Page("pages/riwayat_data.py", title=t("page.riwayat", lang), icon=":material/history:"),
]
sections = {t("nav.dashboard", lang): public}
if admin.is_admin():
    sections[t("nav.admin", lang)] = admin_pages
page = st.navigation(sections)

with st.sidebar:
    st.selectbox(t("app.language", lang), list(LANGS), format_func=LANGS.get, key=ui.LANG_KEY)
filters = ui.render_filters(snapshot, lang)
with st.sidebar:
    ui.data_download(snapshot, filters, lang)
    st.divider()
    admin.sign_in_panel(lang)
st.query_params["lang"] = lang

page.run()
