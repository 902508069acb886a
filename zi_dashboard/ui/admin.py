"""The admin gate: embedded password sign-in, or OIDC (`st.login`) when [auth] is configured."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timezone

import streamlit as st

from zi_dashboard import auth, store
from zi_dashboard.i18n import t
from zi_dashboard.ui.data import get_engine, get_settings
from zi_dashboard.ui.page import ensure_navigation

__all__ = ["admin_name", "is_admin", "require_admin", "sign_in_panel"]

_ADMIN = "auth.admin"


def _secrets() -> Mapping[str, object]:
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError, ValueError):
        # No secrets.toml: the embedded password set-up applies.
        return {}


def _oidc_configured(secrets_map: Mapping[str, object]) -> bool:
    return isinstance(secrets_map.get("auth"), Mapping)


@st.cache_resource(show_spinner=False)
def _password_hash(hash_setting: str, plain_setting: str, secret_hash: str) -> str | None:
    # Cached: hashing a plain development password costs ~50 ms; do it once per process.
    return auth.resolve_password_hash(hash_setting, plain_setting,
                                      {"admin_password_hash": secret_hash} if secret_hash else None)


def is_admin() -> bool:
    """True for a signed-in admin of this session."""
    secrets_map = _secrets()
    if _oidc_configured(secrets_map):
        return bool(st.user.is_logged_in) and auth.is_admin_email(
            str(st.user.get("email", "")), auth.admin_emails(secrets_map))
    return bool(st.session_state.get(_ADMIN))


def admin_name() -> str:
    """Who is acting, for the version and audit records."""
    if _oidc_configured(_secrets()) and st.user.is_logged_in:
        return str(st.user.get("email", "admin"))
    return "admin"


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _try_password(password: str, lang: str) -> None:
    settings = get_settings()
    engine = get_engine()
    events = store.list_events(engine, limit=100)
    history = zip(events["kind"], events["time"], strict=True) if len(events) else []
    wait = auth.pause_remaining(auth.failures_since_success(history), _now(),
                                max_failures=settings.login_max_failures,
                                pause_seconds=settings.login_pause_seconds)
    if wait > 0:
        st.session_state["auth.message"] = ("error", t("auth.paused", lang, seconds=int(wait) + 1))
        return
    stored = _password_hash(settings.admin_password_hash, settings.admin_password,
                            str(_secrets().get("admin_password_hash", "")))
    if stored and auth.verify_password(password, stored):
        st.session_state[_ADMIN] = True
        st.session_state.pop("auth.message", None)
        store.record_event(engine, "sign_in", "admin")
    else:
        store.record_event(engine, "sign_in_failed", "admin")
        st.session_state["auth.message"] = ("error", t("auth.wrong_password", lang))


def sign_in_panel(lang: str) -> None:
    """Sign-in or sign-out controls for the sidebar."""
    secrets_map = _secrets()
    if _oidc_configured(secrets_map):
        if st.user.is_logged_in:
            st.caption(t("auth.signed_in_as", lang, name=st.user.get("email", "")))
            st.button(t("auth.sign_out", lang), on_click=st.logout, key="auth.logout")
        else:
            st.button(t("auth.sign_in_sso", lang), on_click=st.login, key="auth.login")
        return
    if st.session_state.get(_ADMIN):
        st.caption(t("auth.signed_in_admin", lang))
        if st.button(t("auth.sign_out", lang), key="auth.sign_out", icon=":material/logout:"):
            st.session_state[_ADMIN] = False
            store.record_event(get_engine(), "sign_out", "admin")
            st.rerun()
        return
    configured = bool(get_settings().admin_password_hash or get_settings().admin_password
                      or secrets_map.get("admin_password_hash"))
    with st.expander(t("auth.admin_sign_in", lang), icon=":material/lock:"):
        if not configured:
            st.caption(t("auth.not_configured", lang))
            return
        with st.form("auth.form", clear_on_submit=True, border=False):
            password = st.text_input(t("auth.password", lang), type="password", key="auth.password")
            if st.form_submit_button(t("auth.sign_in", lang), key="auth.submit"):
                _try_password(password, lang)
                if st.session_state.get(_ADMIN):
                    st.rerun()
        message = st.session_state.get("auth.message")
        if message:
            st.error(message[1], icon=":material/block:")


def require_admin(lang: str) -> None:
    """Stop a page for anyone but an admin (a direct URL included)."""
    ensure_navigation()
    if not is_admin():
        st.error(t("auth.admins_only", lang), icon=":material/lock:")
        st.stop()
