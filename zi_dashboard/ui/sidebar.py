"""Sidebar filters shared by every page, mirrored in the URL so a copied link reproduces a view."""

from __future__ import annotations

from collections.abc import Collection

import streamlit as st

from zi_dashboard import store
from zi_dashboard.analysis import filters as flt
from zi_dashboard.domain import schema
from zi_dashboard.i18n import t
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui.data import derived
from zi_dashboard.ui.session import current_principal

__all__ = ["active_filters", "render_filters"]

_ACTIVE = "filters.active"
_FIELDS = ("eselon1", "unit_type", "province", "zi_stage", "unit")
_QUERY_KEYS = ("lang",)  # other query params the app keeps beside the filters


def _widget_key(field: str) -> str:
    return f"filters.{field}"


def _seed_from_url(options: dict, lang: str, page_params: Collection[str]) -> None:
    """On the first run of a session, widget values come from the URL (within the scope), less
    `page_params`, which the page reads itself."""
    if st.session_state.get("filters.seeded"):
        return
    params = {key: st.query_params.get_all(key) for key in st.query_params
              if key not in page_params}
    asked = flt.Filters.from_query(params)
    seeded = flt.sanitize(asked, options)
    dropped = [v for f in _FIELDS for v in getattr(asked, f) if v not in getattr(seeded, f)]
    if dropped and current_principal().scoped:
        # Another unit's link is no way in: the values outside the scope are dropped, said once.
        st.session_state["filters.ignored"] = t("access.filter_ignored", lang,
                                                values=", ".join(dropped))
    for field in _FIELDS:
        st.session_state[_widget_key(field)] = list(getattr(seeded, field))
    st.session_state["filters.seeded"] = True


def _clear() -> None:
    for field in _FIELDS:
        st.session_state[_widget_key(field)] = []


def render_filters(snapshot: store.Snapshot, lang: str,
                   page_params: Collection[str] = ()) -> flt.Filters:
    """Draw the filter widgets in the sidebar and return the filters in force. `page_params`:
    query keys that are the page's own (Profil Unit's `?unit=` names the unit to show, not a
    filter to keep for every page)."""
    # Once per version and scope (ui.data.derived): sorting 10,000 unit names takes 50 ms.
    options = derived(snapshot, flt.Filters(), "filter_options",
                      lambda: flt.filter_options(snapshot.tables["units"]))
    _seed_from_url(options, lang, page_params)
    unit_names = dict(options["unit"])
    labels = {
        "eselon1": (t("filter.eselon1", lang), options["eselon1"], str),
        "unit_type": (t("filter.unit_type", lang), options["unit_type"], str),
        "province": (t("filter.province", lang), options["province"], str),
        "zi_stage": (t("filter.zi_stage", lang), options["zi_stage"],
                     lambda k: schema.STAGES.label(k, lang)),
        "unit": (t("filter.unit", lang), list(unit_names), lambda k: unit_names.get(k, k)),
    }
    # After an upload or rollback a chosen value may no longer exist: dropped quietly. After a
    # sign-in into a scope, values a link gave outside it are dropped too, and said so.
    gone = []
    for field, (_, choices, _) in labels.items():
        key = _widget_key(field)
        gone += [v for v in st.session_state.get(key, []) if v not in choices]
        st.session_state[key] = [v for v in st.session_state.get(key, []) if v in choices]
    if gone and current_principal().scoped:
        st.session_state["filters.ignored"] = t("access.filter_ignored", lang,
                                                values=", ".join(map(str, gone)))
    # The unit list follows the other filters (units already chosen stay): 250 names to scan
    # under one Eselon I instead of 10,000.
    narrowing = flt.Filters(**{f: tuple(st.session_state[_widget_key(f)]) for f in _FIELDS
                               if f != "unit"})
    if not narrowing.is_empty():
        within = derived(snapshot, flt.Filters(), "units_within", lambda: flt.units_within(
            snapshot.tables["units"], narrowing, unit_names), narrowing)
        label, _, fmt = labels["unit"]
        listed = set(within)
        chosen = [k for k in st.session_state[_widget_key("unit")] if k not in listed]
        labels["unit"] = (label, [*within, *chosen], fmt)
    with st.sidebar:
        st.subheader(t("filter.title", lang))
        if st.session_state.get("filters.ignored"):
            # The dropped values come from the link itself: shown as text, never as markup.
            st.caption(":material/block: " + markdown_text(st.session_state["filters.ignored"]))
        for field, (label, choices, fmt) in labels.items():
            st.multiselect(label, choices, key=_widget_key(field), format_func=fmt,
                           placeholder=t("filter.all", lang))
        active = flt.Filters(**{f: tuple(st.session_state[_widget_key(f)]) for f in _FIELDS})
        st.button(t("filter.clear", lang), on_click=_clear, disabled=active.is_empty(),
                  icon=":material/filter_alt_off:", key="filters.clear", width="stretch")
    st.session_state[_ACTIVE] = active
    extra = {k: st.query_params.get_all(k) for k in _QUERY_KEYS if k in st.query_params}
    st.query_params.from_dict({**extra, **active.to_query()})
    return active


def active_filters() -> flt.Filters:
    """The filters drawn in the sidebar on this run (none before they are drawn)."""
    return st.session_state.get(_ACTIVE, flt.Filters())
