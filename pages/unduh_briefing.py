"""Unduh Briefing: a PPTX/PDF pack or a ZIP of chart images, built from the filtered data."""

import streamlit as st

from zi_dashboard import ui
from zi_dashboard.exports import briefing
from zi_dashboard.i18n import t
from zi_dashboard.present.text import markdown_text
from zi_dashboard.ui.packs import pack_download
from zi_dashboard.ui.page import current_zone

page = ui.open_page("page.briefing")
lang, snapshot = page.lang, page.snapshot
st.caption(t("briefing.intro", lang))

sections = st.pills(t("briefing.sections", lang), briefing.SECTIONS, selection_mode="multi",
                    default=list(briefing.SECTIONS), key="briefing.sections",
                    format_func=lambda s: t(f"brief.section.{s}", lang))
fmt = st.segmented_control(t("briefing.format", lang), list(briefing.FORMATS), default="pptx",
                           key="briefing.format",
                           format_func=lambda f: t(f"briefing.format.{f}", lang)) or "pptx"
filters_text = page.filters.describe(lang, snapshot.tables["units"])
st.caption(t("briefing.filters", lang, filters=markdown_text(filters_text)))
if not sections:
    st.warning(t("briefing.no_sections", lang), icon=":material/warning:")
    st.stop()

exporter = ui.get_exporter()
if not exporter.available():
    st.warning(t("briefing.no_browser", lang, reason=exporter.unavailable_message(lang)),
               icon=":material/warning:")
zone = current_zone()


def build(progress):
    # The previous version (for the deltas) is loaded only now, when a pack is built.
    return briefing.build_pack(fmt, page.tables, page.previous_tables(),
                               version_id=snapshot.version.id,
                               created_at=snapshot.version.created_at, filters_text=filters_text,
                               lang=lang, sections=sections, progress=progress, zone=zone,
                               exporter=exporter if exporter.available() else None)


pack_download((snapshot.version.id, page.filters, tuple(sections), lang, fmt, zone), build,
              file_name=briefing.file_name(fmt, snapshot.version.id, lang),
              mime=briefing.FORMATS[fmt][1], lang=lang, key="briefing")
