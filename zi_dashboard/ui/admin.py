"""Sign-in and the gates: embedded accounts (name + password), or OIDC (`st.login`) when
[auth] is configured; `require` stops a page for a session without the permission."""

from __future__ import annotations

from datetime import datetime, timezone

import streamlit as st

from zi_dashboard import store
from zi_dashboard.access import passwords
from zi_dashboard.i18n import t
from zi_dashboard.present.text import markdown_text
from zi_dashboard.store import users
from zi_dashboard.ui.page import ensure_navigation
from zi_dashboard.ui.resources import get_engine, get_settings
from zi_dashboard.ui.session import (
    BOOTSTRAP_NAME,
    bootstrap_hash,
    client_address,
    current_principal,
    oidc_configured,
    oidc_identity,
    oidc_refused,
    pop_session_ended,
    sign_in_as,
    sign_out,
)

__all__ = ["admin_name", "is_admin", "require", "require_admin", "sign_in_panel"]


def is_admin() -> bool:
    """True for a session that may upload and roll back."""
    return current_principal().can_upload


def admin_name() -> str:
    """Who is acting, for the version and audit records."""
    return current_principal().label


def _stored_hash(name: str) -> tuple[str | None, bool]:
    """The hash to check a name against, and whether it is the bootstrap superadmin's."""
    engine = get_engine()
    if users.get_user(engine, name) is not None:
        return users.password_hash_of(engine, name), False
    return (bootstrap_hash(), True) if name == BOOTSTRAP_NAME else (None, False)


def _try_password(name: str, password: str, lang: str) -> bool:
    if not password:  # nothing to check: not a failed attempt, and no pause counts it
        st.session_state["auth.message"] = t("auth.no_password", lang)
        return False
    settings = get_settings()
    engine = get_engine()
    name = users.normalize_name(name) or BOOTSTRAP_NAME
    client = client_address()
    attempt, wait = users.start_attempt(
        engine, name, client, lambda pair, wide, now: passwords.sign_in_pause(
            pair, wide, now, max_failures=settings.login_max_failures,
            pause_seconds=settings.login_pause_seconds))
    if attempt is None:
        st.session_state["auth.message"] = t("auth.paused", lang, seconds=int(wait) + 1)
        return False
    stored, bootstrap = _stored_hash(name)
    # An unknown name is checked against a dummy hash: the answer takes as long either way.
    ok = passwords.verify_password(password, stored or _DUMMY_HASH) and stored is not None
    users.finish_attempt(engine, attempt, ok=ok, account=name, client=client)
    if not ok:
        st.session_state["auth.message"] = t("auth.wrong_password", lang)
        return False
    sign_in_as(name, bootstrap=bootstrap, password_hash=stored)
    st.session_state.pop("auth.message", None)
    return True


_DUMMY_HASH = passwords.hash_password("not-a-password", salt=b"zi-dashboard-dum")


_OIDC_RECORDED = "auth.oidc_recorded"  # this session's OIDC sign-in is in the audit log


def _oidc_actor() -> str:
    # An account signs by its name; a provider sign-in without one by its verified e-mail or
    # subject, so the audit log still says who it was.
    principal = current_principal()
    return principal.label if principal.signed_in else oidc_identity() or principal.label


def _oidc_sign_in_detail(refused: bool) -> str:
    """Audit detail of an OIDC sign-in: how, from where, the provider's sign-in time."""
    parts = ["oidc", f"client={client_address()}"]
    if not current_principal().signed_in:
        parts.append("no account: refused" if refused else "no account: visitor view")
    when = st.user.get("auth_time") or st.user.get("iat")
    if isinstance(when, int | float) and not isinstance(when, bool):
        # The same sign-in seen again (a reload opens a new session) keeps its time.
        parts.append(f"auth_time={datetime.fromtimestamp(when, timezone.utc).isoformat()}")
    return "; ".join(parts)


def _oidc_sign_out() -> None:
    # Audited before st.logout forgets who it was.
    store.record_event(get_engine(), "sign_out", _oidc_actor(), "oidc")
    st.session_state.pop(_OIDC_RECORDED, None)
    st.logout()


def _oidc_panel(lang: str) -> None:
    if not st.user.is_logged_in:
        st.button(t("auth.sign_in_sso", lang), on_click=st.login, key="auth.login",
                  icon=":material/login:")
        return
    principal = current_principal()
    refused = oidc_refused()
    if not st.session_state.get(_OIDC_RECORDED):
        store.record_event(get_engine(), "sign_in_failed" if refused else "sign_in",
                           _oidc_actor(), _oidc_sign_in_detail(refused is not None))
        st.session_state[_OIDC_RECORDED] = True
    # Names and e-mails come from the provider and the accounts: text, never markup.
    if refused:
        st.warning(t("access.no_account", lang, email=markdown_text(refused)),
                   icon=":material/block:")
    elif principal.signed_in:
        st.caption(t("auth.signed_in_role", lang,
                     name=markdown_text(principal.display_name or principal.label),
                     role=t(f"role.{principal.role}", lang)))
    else:
        st.caption(t("auth.signed_in_as", lang, name=markdown_text(oidc_identity() or "")))
    st.button(t("auth.sign_out", lang), on_click=_oidc_sign_out, key="auth.logout",
              icon=":material/logout:")


def sign_in_panel(lang: str) -> None:
    """Sign-in or sign-out controls for the sidebar."""
    if oidc_configured():
        _oidc_panel(lang)
        return
    principal = current_principal()
    if principal.signed_in:
        st.caption(t("auth.signed_in_role", lang,
                     name=markdown_text(principal.display_name or principal.label),
                     role=t(f"role.{principal.role}", lang)))
        if st.button(t("auth.sign_out", lang), key="auth.sign_out", icon=":material/logout:"):
            sign_out()
            st.rerun()
        return
    if pop_session_ended():
        st.warning(t("access.session_ended", lang), icon=":material/lock_reset:")
    with st.expander(t("auth.sign_in_title", lang), icon=":material/lock:",
                     expanded=not principal.may_view):
        with st.form("auth.form", clear_on_submit=True, border=False):
            name = st.text_input(t("auth.name", lang), key="auth.name",
                                 placeholder=BOOTSTRAP_NAME, autocomplete="username")
            password = st.text_input(t("auth.password", lang), type="password", key="auth.password",
                                     autocomplete="current-password")
            if st.form_submit_button(t("auth.sign_in", lang), key="auth.submit") and _try_password(
                    name, password, lang):
                st.rerun()
        message = st.session_state.get("auth.message")
        if message:
            st.error(message, icon=":material/block:")
        if not (bootstrap_hash() or users.list_users(get_engine())):
            st.caption(t("auth.not_configured", lang))


def require(permission: str, lang: str) -> None:
    """Stop a page for a session without `permission` ("upload" or "manage_users")."""
    ensure_navigation()
    principal = current_principal()
    allowed = principal.can_manage_users if permission == "manage_users" else principal.can_upload
    if not allowed:
        st.error(t("auth.superadmins_only" if permission == "manage_users" else "auth.admins_only",
                   lang), icon=":material/lock:")
        st.stop()


def require_admin(lang: str) -> None:
    """Stop a page for anyone who may not upload (a direct URL included)."""
    require("upload", lang)


