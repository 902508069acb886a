"""The way into Profil Unit from anywhere: a link or a picked row names a unit (?unit=KEY), and
the page shows it."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from zi_dashboard.i18n import t

__all__ = ["PAGE", "PICKER", "capture_request", "open_picked_row", "page_params", "picked_unit",
           "profile_link", "request", "shown"]

PAGE = "pages/profil_unit.py"
_URL_PATH = "profil_unit"  # PAGE's url_path
PICKER = "profil.unit"  # the page's unit selectbox
_REQUEST = "profil.request"
_SHOWN = "profil.shown"  # the unit the page last wrote into the URL


def capture_request(url_path: str) -> None:
    """On Profil Unit's run, take `?unit=` as a request before the sidebar rewrites the URL:
    when it is not what the page wrote there itself (a link, another page's row or chart), or
    the picker is new (the page was just opened)."""
    if url_path != _URL_PATH or "unit" not in st.query_params:
        return
    asked = st.query_params.get("unit")
    if asked and (asked != st.session_state.get(_SHOWN) or PICKER not in st.session_state):
        st.session_state[_REQUEST] = asked


def page_params(url_path: str) -> tuple[str, ...]:
    """The query keys page `url_path` reads itself: on Profil Unit, `unit` names the unit shown,
    and a fresh link to it must not also narrow every page to that unit through the filters."""
    return ("unit",) if url_path == _URL_PATH else ()


def request() -> str | None:
    """The unit asked for since the page last ran (taken once), else None."""
    return st.session_state.pop(_REQUEST, None)


def shown(unit_key: str) -> None:
    """The page shows `unit_key`: in the URL, so a copied link opens it."""
    st.session_state[_SHOWN] = unit_key
    st.query_params["unit"] = unit_key


def profile_link(unit_key: str, unit_name: str, lang: str) -> None:
    """A link to the unit's profile."""
    st.page_link(PAGE, label=t("profil.open", lang, unit=unit_name), icon=":material/apartment:",
                 query_params={"unit": unit_key})


def picked_unit(event: object, units: Mapping[str, str]) -> str | None:
    """The one unit a click on a unit chart picked (its category is the unit key), else None."""
    keys = {str(p.get(axis)) for p in _selected(event, "points") for axis in ("y", "x")
            if str(p.get(axis)) in units}
    return keys.pop() if len(keys) == 1 else None


def open_picked_row(event: object, frame: pd.DataFrame) -> None:
    """A st.dataframe selection (single row) of `frame` (with unit_key) opens that profile."""
    rows = _selected(event, "rows")
    if rows and 0 <= rows[0] < len(frame) and "unit_key" in frame.columns:
        st.switch_page(PAGE, query_params={"unit": str(frame["unit_key"].iloc[rows[0]])})


def _selected(event: object, field: str) -> list:
    """`event.selection.<field>` of a chart's or a table's selection state (a mapping), or []."""
    selection = event.get("selection") if isinstance(event, Mapping) else None
    return list((selection or {}).get(field) or [])
