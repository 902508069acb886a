"""The sidebar's page links, drawn by the app.

Streamlit's own navigation puts <div>s straight inside its <ul> (axe-core: `list`, `listitem`,
serious, on every page). `st.navigation(position="hidden")` keeps its routing; these links,
one `st.page_link` each under a bold section title, take its place at the top of the sidebar."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

if TYPE_CHECKING:
    from streamlit.navigation.page import StreamlitPage  # what st.Page returns

__all__ = ["NAV_KEY", "page_links"]

NAV_KEY = "nav"  # the links' container: class st-key-nav in the page
FOCUS_CSS = Path(__file__).with_name("focus.css")  # a focus ring on links; no space in the page


def page_links(sections: Mapping[str, Sequence[StreamlitPage]]) -> None:
    """Each section's title and its pages' links (the current page highlighted by Streamlit),
    and the focus ring every link in the app wears (`focus.css`)."""
    st.html(FOCUS_CSS)
    with st.sidebar, st.container(key=NAV_KEY, gap="small"):
        for title, pages in sections.items():
            st.markdown(f"**{title}**")
            for page in pages:
                st.page_link(page, width="stretch")
    st.sidebar.divider()
