"""Pengguna (superadmins): accounts, roles and scopes."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.i18n import t
from zi_dashboard.ui import admin

lang = ui.current_lang()
admin.require("manage_users", lang)
st.title(t("page.pengguna", lang))
