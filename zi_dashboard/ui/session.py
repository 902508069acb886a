"""Who this session is: the principal from the embedded sign-in or OIDC, once per call.

Every page, table and download asks `current_principal()`; the snapshot loaders in `ui.data`
apply its scope and personal-data policy, so no page decides access on its own.

An embedded sign-in keeps the credential stamp of the password hash it was checked against
(`passwords.credential_stamp`); each run compares it with the hash in force (the account's, or
the bootstrap superadmin's from the settings and secrets) and ends the session, audited as a
`sign_out` and told to the user, when the password was changed or removed since.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from zi_dashboard import access, store
from zi_dashboard.access import BOOTSTRAP_NAME, Principal, passwords
from zi_dashboard.store import users
from zi_dashboard.ui.resources import get_engine, get_settings

__all__ = ["BOOTSTRAP_NAME", "BUILT_PACKS", "audited", "bootstrap_hash", "client_address",
           "current_principal", "oidc_configured", "oidc_identity", "oidc_refused",
           "pop_session_ended", "refresh_principal", "secrets_map", "sign_in_as", "sign_out"]

_USER = "auth.user"  # the embedded account this session signed in as
_BOOTSTRAP = "auth.bootstrap"
_STAMP = "auth.stamp"  # passwords.credential_stamp of the hash the sign-in was checked against
_ENDED = "auth.ended"  # set when a changed password ended the session; the sidebar says so
_PRINCIPAL = "auth.principal"
BUILT_PACKS = "packs.built"  # ui/packs.py's built downloads, forgotten at sign-out


def secrets_map() -> Mapping[str, object]:
    """st.secrets as a dict ({} without a secrets.toml)."""
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, OSError, ValueError):
        # No secrets.toml: the embedded password set-up applies.
        return {}


def oidc_configured(secrets: Mapping[str, object] | None = None) -> bool:
    """True when [auth] is in the secrets: sign-in goes through st.login."""
    return isinstance((secrets_map() if secrets is None else secrets).get("auth"), Mapping)


@st.cache_resource(show_spinner=False)
def _bootstrap_hash(hash_setting: str, plain_setting: str, secret_hash: str) -> str | None:
    # Cached: hashing a plain development password costs ~50 ms; do it once per process. (A
    # cleared cache hashes it again with a new salt, which ends the sessions signed in with it.)
    return passwords.resolve_password_hash(
        hash_setting, plain_setting, {"admin_password_hash": secret_hash} if secret_hash else None)


def bootstrap_hash() -> str | None:
    """The bootstrap superadmin's password hash in force (settings, then secrets), or None."""
    settings = get_settings()
    return _bootstrap_hash(settings.admin_password_hash, settings.admin_password,
                           str(secrets_map().get("admin_password_hash", "")))


def client_address() -> str:
    """The client address sign-in pauses are counted by (see ZI_TRUST_PROXY)."""
    # Outside a served session (AppTest) the context holds no strings: "unknown".
    ip, headers = st.context.ip_address, st.context.headers
    forwarded = headers.get("X-Forwarded-For") if isinstance(headers, Mapping) else None
    return passwords.client_address(ip if isinstance(ip, str) else None,
                                    forwarded if isinstance(forwarded, str) else None,
                                    trust_proxy=get_settings().trust_proxy)


def _oidc_email() -> str | None:
    if not st.user.is_logged_in:
        return None
    email = users.normalize_name(str(st.user.get("email") or ""))
    # An e-mail the provider says it has not verified identifies nobody: anyone can type one.
    assume = get_settings().oidc_assume_verified
    verified = passwords.email_verified(st.user, assume_verified=assume)
    return email if email and verified else None


def oidc_identity() -> str | None:
    """Who the provider says signed in, for messages and audit: the verified e-mail, else the
    provider's subject (never an unverified e-mail, which could name someone else)."""
    if not st.user.is_logged_in:
        return None
    return _oidc_email() or str(st.user.get("sub") or "").strip() or None


def oidc_refused() -> str | None:
    """Who signed in through OIDC and was refused for having no account here (with
    ZI_OIDC_REQUIRE_ACCOUNT=1), or None."""
    if not oidc_configured() or not get_settings().oidc_require_account:
        return None
    who = oidc_identity()
    return who if who and not current_principal().signed_in else None


def _oidc_principal(secrets: Mapping[str, object], anonymous_policy: str,
                    require_account: bool) -> Principal:
    if not st.user.is_logged_in:
        return access.anonymous(anonymous_policy)
    email = _oidc_email()
    user = users.get_user(get_engine(), email) if email else None
    if user is not None and user.active:
        return users.principal_of(user)
    if user is None and passwords.secrets_superadmin(email, st.user, secrets):
        return Principal(name=email, role="superadmin",
                         display_name=str(st.user.get("name") or email))
    # Signed in at the provider, but no (active) account here, or no verified e-mail.
    return access.anonymous("none" if require_account else anonymous_policy)


def current_principal() -> Principal:
    """The session's principal, as `refresh_principal` found it at the start of this run."""
    principal = st.session_state.get(_PRINCIPAL)
    return principal if isinstance(principal, Principal) else refresh_principal()


def refresh_principal() -> Principal:
    """Look the session's account up again (app.py does it once per rerun, so a disabled
    account loses access at its next interaction) and keep it for the run."""
    principal = _lookup_principal()
    st.session_state[_PRINCIPAL] = principal
    return principal


def _lookup_principal() -> Principal:
    settings = get_settings()
    secrets = secrets_map()
    if oidc_configured(secrets):
        return _oidc_principal(secrets, settings.anonymous, settings.oidc_require_account)
    return _embedded_principal(settings.anonymous)


def _embedded_principal(anonymous_policy: str) -> Principal:
    name, bootstrap = st.session_state.get(_USER), bool(st.session_state.get(_BOOTSTRAP))
    if not name:
        return access.anonymous(anonymous_policy)
    user = users.get_user(get_engine(), name)
    if user is None and not bootstrap:
        return _end_session(name, "account removed", anonymous_policy)
    current = user.credential if user is not None else passwords.credential_stamp(
        bootstrap_hash())
    # A name set without sign_in_as (tests open sessions so) is stamped at its first run.
    kept = st.session_state.setdefault(_STAMP, current)
    if not passwords.same_credential(kept, current):
        why = "password changed" if user is not None else "bootstrap password changed or removed"
        return _end_session(name, why, anonymous_policy)
    if user is None:
        return Principal(name=name, role="superadmin", display_name=name)
    # A disabled account sees what visitors see until it is enabled again.
    return users.principal_of(user) if user.active else access.anonymous(anonymous_policy)


def _end_session(name: str, why: str, anonymous_policy: str) -> Principal:
    store.record_event(get_engine(), "sign_out", name, f"session ended: {why}")
    _forget_sign_in()
    st.session_state[_ENDED] = True
    return access.anonymous(anonymous_policy)


def _forget_sign_in() -> None:
    for key in (_USER, _BOOTSTRAP, _STAMP, BUILT_PACKS):
        st.session_state.pop(key, None)


def pop_session_ended() -> bool:
    """True once after a changed or removed password ended this session's sign-in."""
    return bool(st.session_state.pop(_ENDED, False))


def sign_in_as(name: str, *, bootstrap: bool, password_hash: str | None = None) -> None:
    """Remember an embedded sign-in in this session, with the stamp of `password_hash`, the
    hash the password was checked against (a change made since the check then ends the session
    at once). Without it, the hash in force now is stamped."""
    name = users.normalize_name(name)
    if password_hash is None:
        user = users.get_user(get_engine(), name)
        password_hash = (users.password_hash_of(get_engine(), name) if user is not None
                         else bootstrap_hash() if bootstrap else None)
    st.session_state[_USER] = name
    st.session_state[_BOOTSTRAP] = bootstrap
    st.session_state[_STAMP] = passwords.credential_stamp(password_hash)
    st.session_state.pop(_ENDED, None)
    refresh_principal()


def sign_out() -> None:
    """Forget the embedded sign-in (OIDC sign-out is st.logout)."""
    principal = current_principal()
    if principal.signed_in:
        store.record_event(get_engine(), "sign_out", principal.label)
    _forget_sign_in()
    refresh_principal()


def audited(what: str, build: Callable[[], bytes]) -> Callable[[], bytes]:
    """A download's build function that first writes an `export` audit entry (who, scope, what)."""
    principal = current_principal()

    def run() -> bytes:
        store.record_event(get_engine(), "export", principal.label,
                           f"{what}; scope={principal.describe_scope()}")
        return build()

    return run
