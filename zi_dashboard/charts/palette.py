"""Colours and type of every chart, slide, PDF and spreadsheet: declared once, here."""

from __future__ import annotations

import functools
from pathlib import Path

import plotly.colors

from zi_dashboard.domain import schema

__all__ = [
    "ABSENT_COLOR", "ALERT_COLOR", "BACKGROUND", "CONNECTOR_COLOR", "ERROR_FILL", "FONTS_DIR",
    "FONT_FAMILY", "GRID_COLOR", "HEADER_FILL", "INFO_FILL", "INK", "LINE_COLOR", "MAIN_COLOR", "MUTED_COLOR",
    "NOT_STARTED_COLOR", "OKABE_ITO", "PANEL_COLOR", "PDF_FONTS", "REQUIRED_FILL", "REVOKED_COLOR",
    "RULE_COLOR", "STRIPE_FILL", "TEXT_COLOR", "UNKNOWN_COLOR", "WARNING_FILL", "attendance_colors",
    "plan_status_colors", "rgb", "stage_colors",
]

# Streamlit 1.67 serves its font as "Source Sans"; the older names cover other versions.
FONT_FAMILY = '"Source Sans", "Source Sans Pro", "Source Sans 3", Arial, sans-serif'
# DejaVu (bundled, see fonts/LICENSE-DejaVu.txt) for PDFs: every Indonesian name prints.
FONTS_DIR = Path(__file__).resolve().parent / "fonts"
PDF_FONTS = {"": FONTS_DIR / "DejaVuSans.ttf", "B": FONTS_DIR / "DejaVuSans-Bold.ttf"}

BACKGROUND = "#FFFFFF"
INK = "#000000"  # reference lines and marks drawn over bars
TEXT_COLOR = "#262730"
MUTED_COLOR = "#6B6F76"
GRID_COLOR = "#E6E6E6"
LINE_COLOR = "#BFBFBF"
RULE_COLOR = "#7F7F7F"  # the line under a sheet's heading
CONNECTOR_COLOR = "#EEEEEE"
HEADER_FILL = "#DCE6F1"  # table headings: XLSX, PDF tables, the template
STRIPE_FILL = "#F7F7F7"
REQUIRED_FILL = "#FFE8A3"  # the template's required columns
ERROR_FILL = "#FFC7CE"  # Excel's own "bad" red: cells with an error
WARNING_FILL = "#FFEB9C"  # Excel's own "neutral" amber: cells with a warning
INFO_FILL = "#DDEBF7"  # a pale blue: cells with a note (a skipped total row, a resolved unit)
PANEL_COLOR = "#F3F5F7"
# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Blue first: the single-series colour.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442",
             "#000000")
MAIN_COLOR = OKABE_ITO[0]
ALERT_COLOR = OKABE_ITO[4]  # vermillion
ABSENT_COLOR = "#999999"
UNKNOWN_COLOR = "#BDBDBD"
NOT_STARTED_COLOR = "#D9D9D9"
REVOKED_COLOR = "#7F1D1D"


def rgb(color: str) -> tuple[int, int, int]:
    """'#0072B2' → (0, 114, 178), for fpdf2."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@functools.cache
def _stage_palette() -> tuple[tuple[str, str], ...]:
    """Stage → colour, computed once; callers get a fresh dict from `stage_colors`."""
    path = [k for k in schema.FUNNEL_STAGES if k != "belum"]
    # Viridis (van der Walt & Smith 2015) reads with every common colour-vision deficiency and
    # prints as a grey ramp; light for early stages, dark for the titles, so "further along"
    # reads as "more ink". Cividis was tried: its middle stages are near-identical greys.
    points = [0.92 - 0.9 * i / (len(path) - 1) for i in range(len(path))]
    colours = plotly.colors.sample_colorscale("Viridis", points, colortype="rgb")
    hexes = ["#{:02X}{:02X}{:02X}".format(*(round(v) for v in plotly.colors.unlabel_rgb(c)))
             for c in colours]
    return (("belum", NOT_STARTED_COLOR), *zip(path, hexes, strict=True),
            ("dicabut", REVOKED_COLOR))


def stage_colors() -> dict[str, str]:
    """Colour per ZI stage: sequential along the path, grey for Belum, dark red for Dicabut."""
    return dict(_stage_palette())


def attendance_colors() -> dict[str, str]:
    """Colour per attendance mode (Okabe–Ito blue, orange, bluish green for "present", grey)."""
    return {"tatap_muka": OKABE_ITO[0], "virtual": OKABE_ITO[1], "hadir": OKABE_ITO[2],
            "tidak_hadir": ABSENT_COLOR}


def plan_status_colors() -> dict[str, str]:
    """Colour per action-plan status (Okabe–Ito)."""
    return {"rencana": ABSENT_COLOR, "berjalan": OKABE_ITO[3], "selesai": OKABE_ITO[2],
            "batal": ALERT_COLOR}
