"""Colours and type of every chart, slide, PDF and spreadsheet: declared once, here."""

from __future__ import annotations

import functools
from pathlib import Path

import plotly.colors

from zi_dashboard.domain import schema

__all__ = [
    "ABSENT_COLOR", "ALERT_COLOR", "ALERT_TEXT", "BACKGROUND", "CONNECTOR_COLOR", "ERROR_FILL",
    "FONTS_DIR", "FONT_FAMILY", "GOOD_COLOR", "GOOD_TEXT", "GRAPHIC_CONTRAST", "GRID_COLOR",
    "HEADER_FILL", "INFO_FILL", "INK", "LINE_COLOR", "MAIN_COLOR", "MUTED_COLOR",
    "NOT_STARTED_COLOR", "PANEL_COLOR", "PDF_FONTS", "REQUIRED_FILL", "REVOKED_COLOR", "RULE_COLOR",
    "SERIES", "STRIPE_FILL", "TEXT_CONTRAST", "TEXT_COLOR", "UNKNOWN_COLOR", "WARNING_FILL",
    "attendance_colors", "contrast", "plan_status_colors", "rgb", "stage_colors", "text_on",
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

# WCAG 2.2: text at least 4.5:1 against what it sits on (1.4.3), and the marks that carry data
# (bars, slices, tiles, points) at least 3:1 against the background (1.4.11). Every colour below
# that draws data meets the second; tests/test_palette.py holds them to it.
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0
# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency. Blue, vermillion and bluish green reach 3:1 on white as they are; orange, sky blue,
# reddish purple and yellow are darkened (HLS lightness only) until they do. Blue first: the
# single-series colour.
SERIES = ("#0072B2", "#D55E00", "#009E73", "#CA73A3", "#BD8300", "#1D96DB", "#9C920C",
          "#000000")
MAIN_COLOR = SERIES[0]
ALERT_COLOR = SERIES[1]  # vermillion
GOOD_COLOR = SERIES[2]  # bluish green
# The same hues darkened to 4.5:1, for words: a red heading, a zero written in alert colour.
ALERT_TEXT = "#BE5400"
GOOD_TEXT = "#008460"
ABSENT_COLOR = "#767676"
UNKNOWN_COLOR = "#5C5C5C"
NOT_STARTED_COLOR = "#8C8C8C"
REVOKED_COLOR = "#7F1D1D"


def rgb(color: str) -> tuple[int, int, int]:
    """'#0072B2' → (0, 114, 178), for fpdf2."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(color: str) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb(color)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast(first: str, second: str) -> float:
    """WCAG 2.x contrast ratio of two '#RRGGBB' colours, 1 to 21."""
    dark, light = sorted((_luminance(first), _luminance(second)))
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill`: at least 4.58:1 on any colour, since
    the two ratios multiply to 21."""
    return INK if contrast(INK, fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"


@functools.cache
def _stage_palette() -> tuple[tuple[str, str], ...]:
    """Stage → colour, computed once; callers get a fresh dict from `stage_colors`."""
    path = [k for k in schema.FUNNEL_STAGES if k != "belum"]
    # Viridis (van der Walt & Smith 2015) reads with every common colour-vision deficiency and
    # prints as a grey ramp; lighter for early stages, dark for the titles, so "further along"
    # reads as "more ink". Only its darker half (0.55 → 0): past 0.55 a bar is under 3:1 on
    # white. Cividis was tried: its middle stages are near-identical greys.
    points = [0.55 - 0.55 * i / (len(path) - 1) for i in range(len(path))]
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
    return {"tatap_muka": SERIES[0], "virtual": SERIES[4], "hadir": SERIES[2],
            "tidak_hadir": ABSENT_COLOR}


def plan_status_colors() -> dict[str, str]:
    """Colour per action-plan status (Okabe–Ito; vermillion for cancelled)."""
    return {"rencana": ABSENT_COLOR, "berjalan": SERIES[5], "selesai": SERIES[2],
            "batal": ALERT_COLOR}
