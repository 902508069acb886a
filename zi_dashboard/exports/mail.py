"""Sending an e-mail through the configured SMTP server (ZI_SMTP_*), with errors that name the
setting to fix. The password comes from ZI_SMTP_PASSWORD or the secrets file's smtp_password,
is read only here, and appears in no message, repr or log."""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path

import tomllib

from zi_dashboard.config import Settings
from zi_dashboard.domain.errors import ZiError
from zi_dashboard.i18n import t

__all__ = ["SECURITIES", "MailError", "SmtpConfig", "send_message", "smtp_config", "smtp_password"]

SECURITIES = {"starttls": 587, "ssl": 465, "none": 25}


class MailError(ZiError):
    """The digest could not be sent: not set up, refused or unreachable; `code` and `params`
    feed the message, which names the setting to fix."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params

    def message(self, lang: str) -> str:
        return t(self.code, lang, **self.params)

    def bilingual(self) -> str:
        """Bahasa Indonesia, then English."""
        return f"{self.message('id')}\n{self.message('en')}"


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send; the password is kept out of repr."""

    host: str
    port: int
    security: str
    user: str
    sender: str
    timeout: float
    password: str = field(default="", repr=False)


def smtp_password(env: Mapping[str, str] | None, secrets_file: str) -> str:
    """ZI_SMTP_PASSWORD, else smtp_password in the secrets file ("" when neither)."""
    env = os.environ if env is None else env
    if env.get("ZI_SMTP_PASSWORD"):
        return env["ZI_SMTP_PASSWORD"]
    path = Path(secrets_file)
    if not secrets_file or not path.is_file():
        return ""
    try:
        secrets = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MailError("mail.bad_secrets", path=str(path), error=type(exc).__name__) from None
    return str(secrets.get("smtp_password", "") or "")


def smtp_config(settings: Settings, env: Mapping[str, str] | None = None) -> SmtpConfig:
    """The SMTP settings in force; MailError naming the first one missing or wrong."""
    if not settings.smtp_host:
        raise MailError("mail.no_host")
    if settings.smtp_security not in SECURITIES:
        raise MailError("mail.bad_security", value=settings.smtp_security)
    try:
        port = int(settings.smtp_port) if settings.smtp_port else SECURITIES[settings.smtp_security]
    except ValueError:
        port = -1
    if not 0 < port < 65536:
        raise MailError("mail.bad_port", value=settings.smtp_port)
    sender = settings.smtp_from or (settings.smtp_user if "@" in settings.smtp_user else "")
    if "@" not in parseaddr(sender)[1]:
        raise MailError("mail.no_from", value=sender)
    password = smtp_password(env, settings.secrets_file)
    if settings.smtp_user and not password:
        raise MailError("mail.no_password", user=settings.smtp_user)
    return SmtpConfig(settings.smtp_host, port, settings.smtp_security, settings.smtp_user,
                      sender, settings.smtp_timeout_seconds, password)


def _connect(config: SmtpConfig) -> smtplib.SMTP:
    where = {"host": config.host, "port": config.port}
    try:
        if config.security == "ssl":
            return smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout,
                                    context=ssl.create_default_context())
        server = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
    except ssl.SSLCertVerificationError as exc:
        raise MailError("mail.certificate", error=_reason(exc), **where) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError("mail.unreachable", error=_reason(exc), **where) from None
    if config.security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except ssl.SSLCertVerificationError as exc:
            server.close()
            raise MailError("mail.certificate", error=_reason(exc), **where) from None
        except (OSError, smtplib.SMTPException) as exc:
            server.close()
            raise MailError("mail.starttls_failed", error=_reason(exc), **where) from None
    return server


def _reason(exc: BaseException) -> str:
    """What went wrong, without anything the password could be part of."""
    if isinstance(exc, smtplib.SMTPResponseException):
        reply = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) \
            else str(exc.smtp_error)
        return f"{exc.smtp_code} {reply}"[:300]
    return f"{type(exc).__name__}: {exc}"[:300]


def send_message(message: EmailMessage, config: SmtpConfig, recipients: Sequence[str]) -> None:
    """Send `message` to `recipients`; MailError when the server is unreachable or refuses."""
    server = _connect(config)
    try:
        if config.user:
            try:
                server.login(config.user, config.password)
            except smtplib.SMTPException as exc:
                raise MailError("mail.auth_failed", user=config.user, error=_reason(exc)) from None
        try:
            refused = server.send_message(message, from_addr=parseaddr(config.sender)[1],
                                          to_addrs=list(recipients))
        except smtplib.SMTPRecipientsRefused as exc:
            raise MailError("mail.recipients_refused",
                            recipients=", ".join(exc.recipients)) from None
        except smtplib.SMTPSenderRefused as exc:
            raise MailError("mail.sender_refused", sender=config.sender,
                            error=_reason(exc)) from None
        except (OSError, smtplib.SMTPException) as exc:
            raise MailError("mail.refused", error=_reason(exc), host=config.host) from None
        if refused:  # some accepted: the digest went out, but not to everyone
            raise MailError("mail.recipients_refused", recipients=", ".join(refused))
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
