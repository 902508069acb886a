"""Build-on-click downloads with a progress bar, kept per session by what they were built from."""

from __future__ import annotations

from collections.abc import Callable, Hashable

import streamlit as st

from zi_dashboard.i18n import format_number, t
from zi_dashboard.ui.session import BUILT_PACKS, audited, current_principal

__all__ = ["pack_download"]

_KEEP = 3  # packs kept per session: enough to switch formats back and forth


def pack_download(cache_key: Hashable, build: Callable[[Callable[[float, str], None]], bytes], *,
                  file_name: str, mime: str, lang: str, key: str) -> None:
    """A build button (with progress) until the pack exists, then its download button; each
    build is an `export` audit entry (who, scope, file). A pack is kept for the account and
    scope that built it: after a sign-out or another sign-in it must be built again."""
    principal = current_principal()
    cache_key = (principal.label, principal.cache_key(), cache_key)
    built: dict = st.session_state.setdefault(BUILT_PACKS, {})
    slot = st.empty()  # the build button, then the progress bar, then nothing
    if cache_key not in built and slot.button(t("briefing.build", lang), type="primary",
                                              key=f"{key}.build", icon=":material/build:"):
        bar = slot.progress(0.0, text=t("briefing.building", lang))
        report = lambda fraction, label: bar.progress(min(max(fraction, 0.0), 1.0),  # noqa: E731
                                                      text=label or None)
        data = audited(file_name, lambda: build(report))()
        slot.empty()
        built[cache_key] = data
        while len(built) > _KEEP:
            built.pop(next(iter(built)))
    if cache_key in built:
        data = built[cache_key]
        st.success(t("briefing.ready", lang, size=f"{format_number(len(data) / 1024, lang)} KB"),
                   icon=":material/check_circle:")
        st.download_button(t("briefing.download", lang, name=file_name), data, file_name, mime,
                           key=f"{key}.download", on_click="ignore", type="primary",
                           icon=":material/download:")
