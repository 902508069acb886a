"""Pengguna (superadmins): accounts, roles and scopes; every change goes to the audit log."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.access import ROLES
from zi_dashboard.domain.errors import UserError
from zi_dashboard.i18n import t
from zi_dashboard.present import accounts
from zi_dashboard.store import users
from zi_dashboard.ui import admin, page, session, upload

lang, zone = ui.current_lang(), page.current_zone()
admin.require("manage_users", lang)
engine, me, units = ui.get_engine(), admin.admin_name(), ui.current_snapshot().tables["units"]
st.title(t("page.pengguna", lang))
st.caption(t("users.intro", lang))
upload.show_flash(lang)
notice, action, roles = st.container(), None, accounts.role_labels(lang)  # notice: a change's error

everyone = {u.name: u for u in users.list_users(engine)}
st.subheader(t("users.list_title", lang))
st.dataframe(accounts.accounts_table(list(everyone.values()), units, lang, zone), hide_index=True)
if stale := accounts.stale_scopes_note(list(everyone.values()), units, lang):
    st.warning(stale, icon=":material/warning:")

st.subheader(t("users.add_title", lang))
add_role = st.selectbox(t("users.role", lang), ROLES, format_func=roles.get, key="users.add.role")
with st.form("users.add.form", clear_on_submit=True):
    name = st.text_input(t("users.name", lang), help=t("users.name_help", lang),
                         key="users.add.name")
    display = st.text_input(t("users.display_name", lang), key="users.add.display_name")
    add_scope = st.multiselect(**accounts.scope_widget(units, add_role, lang),
                               key=f"users.add.scope.{add_role}")
    password = st.text_input(t("users.password", lang, minimum=accounts.MIN_PASSWORD),
                             type="password", key="users.add.password")
    confirm = st.text_input(t("users.confirm", lang), type="password", key="users.add.confirm")
    if st.form_submit_button(t("users.add_button", lang), type="primary", key="users.add.submit"):
        action = "add"

if everyone:
    st.subheader(t("users.edit_title", lang))
    picked = everyone[st.selectbox(t("users.pick", lang), list(everyone), key="users.pick",
                                   format_func=lambda n: accounts.account_label(everyone[n]))]
    left, right = st.columns(2)
    edit_role = left.selectbox(t("users.role", lang), ROLES, index=ROLES.index(picked.role),
                               format_func=roles.get, key=f"users.edit.role.{picked.name}")
    edit_scope = left.multiselect(**accounts.scope_widget(
        units, edit_role, lang, picked.scope if edit_role == picked.role else ()),
        key=f"users.edit.scope.{picked.name}.{edit_role}")
    if left.button(t("users.save_role", lang), key="users.edit.save"):
        action = "role"
    if left.button(t("users.disable" if picked.active else "users.enable", lang),
                   key="users.edit.active"):
        action = "active"
    with right.form("users.password.form", clear_on_submit=True):
        new_password = st.text_input(t("users.new_password", lang, minimum=accounts.MIN_PASSWORD),
                                     type="password", key="users.edit.password")
        new_confirm = st.text_input(t("users.confirm", lang), type="password",
                                    key="users.edit.confirm")
        if st.form_submit_button(t("users.password_button", lang), key="users.edit.set_password"):
            action = "password"

try:
    if action == "add":
        user = users.add_user(engine, name, display_name=display, actor=me, **accounts.new_account(
            add_role, add_scope, units, password, confirm))
    elif action == "role":
        user = users.set_role(engine, picked.name, *accounts.role_change(
            me, picked.name, edit_role, edit_scope, units), actor=me)
    elif action == "active":
        user = users.disable_user(engine, picked.name, actor=me,
                                  active=accounts.switched_active(me, picked))
    elif action == "password":
        new_hash = accounts.new_password_hash(new_password, new_confirm, required=True)
        user = users.set_password(engine, picked.name, new_hash, actor=me)
        if user.name == me:  # one's own new password keeps this session (others' sessions end)
            session.sign_in_as(me, bootstrap=False, password_hash=new_hash)
except UserError as exc:
    notice.error(accounts.error_text(exc, lang, markdown=True), icon=":material/block:")
else:
    if action:
        upload.flash("success", accounts.done_message(action, user, units, lang))
        st.rerun()
