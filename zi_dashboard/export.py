"""Figures to PNG/SVG through one warm Chromium (kaleido >= 1); tables to XLSX and CSV."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import datetime as dt
import functools
import io
import math
import os
import re
import shutil
import struct
import threading
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from zi_dashboard.errors import ZiError

__all__ = ["ImageExportError", "ImageExporter", "figure_height", "neutralize", "png_size",
           "sheet_title", "to_csv", "to_xlsx"]

DEFAULT_WIDTH = 1200
DEFAULT_HEIGHT = 600
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 90.0  # per figure, enforced by kaleido
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

# code → (Bahasa Indonesia, English); {path} / {error} are filled in.
_REASONS = {
    "no_browser": ("Ekspor gambar di server tidak tersedia: Chromium tidak ditemukan ({path}). "
                   "Gunakan tombol kamera pada grafik untuk mengunduh PNG dari peramban.",
                   "Server-side image export is unavailable: Chromium was not found ({path}). "
                   "Use the camera button on the chart to download a PNG from the browser."),
    "no_plotlyjs": ("Ekspor gambar tidak tersedia: plotly.min.js lokal tidak ditemukan ({path}).",
                    "Image export is unavailable: the local plotly.min.js was not found ({path})."),
    "start_failed": ("Ekspor gambar tidak tersedia: Chromium gagal dijalankan ({error}).",
                     "Image export is unavailable: Chromium failed to start ({error})."),
}


class ImageExportError(ZiError):
    """A figure could not be turned into an image (no browser, or the browser failed)."""


# --- images -------------------------------------------------------------------------------------

def figure_height(fig: Any, default: int = DEFAULT_HEIGHT) -> int:
    """The figure's own layout height in px, or `default` when it sets none."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else getattr(fig, "layout", None)
    height = layout.get("height") if isinstance(layout, dict) else getattr(layout, "height", None)
    return int(height) if height else int(default)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in px read from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _find_browser(explicit: str | None) -> tuple[str | None, str]:
    """The Chromium to use and the place that was looked at (for the message when absent)."""
    def runnable(path: str) -> bool:
        return os.path.isfile(path) and os.access(path, os.X_OK)

    if explicit:
        return (explicit if runnable(explicit) else None), explicit
    from zi_dashboard.config import load_settings

    configured = load_settings().browser_path
    if configured and runnable(configured):
        return configured, configured
    for name in _BROWSER_NAMES:
        if found := shutil.which(name):
            return found, configured
    return None, f"{configured}, PATH"


class _Browser:
    """An event-loop thread holding one Kaleido (one Chromium with a few tabs)."""

    def __init__(self, path: str, plotly_js: Path, tabs: int) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="zi-kaleido",
                                       daemon=True)
        self.thread.start()
        self.kaleido: Any = None
        try:
            self.kaleido = self.call(self._open(path, plotly_js, tabs), START_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    @staticmethod
    async def _open(path: str, plotly_js: Path, tabs: int) -> Any:
        import kaleido

        # plotly.js from the installed package and no MathJax: nothing is fetched from a CDN.
        # choreographer runs Chromium headless with --no-sandbox, which it needs as root.
        browser = kaleido.Kaleido(n=tabs, timeout=RENDER_TIMEOUT_S, path=path,
                                  page_generator=kaleido.PageGenerator(plotly=str(plotly_js),
                                                                       mathjax=False))
        try:
            await browser.open()
        except BaseException:
            await asyncio.shield(browser.close())
            raise
        return browser

    def call(self, coro: Any, timeout: float | None = None) -> Any:
        """Run `coro` on the browser's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def submit(self, fig: Any, opts: dict) -> concurrent.futures.Future:
        """Start rendering one figure; the tabs render submitted figures in parallel."""
        return asyncio.run_coroutine_threadsafe(self.kaleido.calc_fig(fig, opts), self.loop)

    @staticmethod
    async def _shut(browser: Any) -> None:
        try:
            if browser is not None:
                await browser.close()
        finally:
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:  # e.g. choreographer's watchdog of a crashed browser
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    def close(self) -> None:
        """Close Chromium, stop the loop and its thread."""
        if self.loop.is_running():
            try:
                self.call(self._shut(self.kaleido), 20)
            except Exception:  # noqa: BLE001, S110 - a dead browser is already closed
                pass
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.kaleido = None
        self.thread.join(10)
        if not self.thread.is_alive() and not self.loop.is_closed():
            self.loop.close()


def _close_browser(holder: list) -> None:
    """At exit or when the exporter is collected: close its browser if one is open."""
    browser, holder[0] = holder[0], None
    if browser is not None:
        browser.close()


class ImageExporter:
    """One warm Chromium per process (kaleido >= 1), calls serialised with a lock."""

    def __init__(self, browser_path: str | None = None, *, tabs: int = 2) -> None:
        """Find the browser now; start it lazily, on the first image."""
        self.browser_path, looked_at = _find_browser(browser_path)
        import plotly

        self.plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
        self.tabs = max(1, min(tabs, os.cpu_count() or 1))
        self._lock = threading.Lock()
        self._holder: list[_Browser | None] = [None]
        self._reason: tuple[str, dict] | None = None
        if self.browser_path is None:
            self._reason = ("no_browser", {"path": looked_at})
        elif not self.plotly_js.is_file():
            self._reason = ("no_plotlyjs", {"path": str(self.plotly_js)})
        # At exit, before tempfile's own finalisers warn about Chromium's profile directory.
        self._at_exit = functools.partial(_close_browser, self._holder)
        atexit.register(self._at_exit)
        weakref.finalize(self, atexit.unregister, self._at_exit)
        weakref.finalize(self, _close_browser, self._holder)

    def available(self) -> bool:
        """True when a Chromium was found and has not failed to start."""
        return self._reason is None

    def unavailable_message(self, lang: str = "id") -> str:
        """Why images cannot be made, in `lang` ("" when they can)."""
        if self._reason is None:
            return ""
        pair = _REASONS[self._reason[0]]
        return (pair[1] if lang == "en" else pair[0]).format(**self._reason[1])

    @property
    def unavailable_reason(self) -> str:
        """Why images cannot be made, in Bahasa Indonesia then English ("" when they can)."""
        both = (self.unavailable_message("id"), self.unavailable_message("en"))
        return " / ".join(both) if self._reason else ""

    def start(self) -> None:
        """Open the browser now (it otherwise opens on the first image)."""
        with self._lock:
            self._ensure_browser()

    def _ensure_browser(self) -> _Browser:
        if self._reason is not None:
            raise ImageExportError(self.unavailable_reason)
        browser = self._holder[0]
        if browser is None:
            try:
                browser = _Browser(self.browser_path, self.plotly_js, self.tabs)
            except Exception as exc:
                self._reason = ("start_failed", {"error": f"{type(exc).__name__}: {exc}"[:300]})
                raise ImageExportError(self.unavailable_reason) from exc
            self._holder[0] = browser
        return browser

    def to_png(self, fig: Any, *, width: int = DEFAULT_WIDTH, height: int | None = None,
               scale: float = 2) -> bytes:
        """One figure as PNG bytes, `width * scale` px wide."""
        return self.to_images([fig], "png", width=width, height=height, scale=scale)[0]

    def to_svg(self, fig: Any, *, width: int = DEFAULT_WIDTH, height: int | None = None) -> bytes:
        """One figure as SVG bytes."""
        return self.to_images([fig], "svg", width=width, height=height, scale=1)[0]

    def to_images(self, figs: Sequence[Any], fmt: str = "png", *, width: int = DEFAULT_WIDTH,
                  height: int | Sequence[int | None] | None = None, scale: float = 2,
                  progress: Callable[[int, int], None] | None = None) -> list[bytes]:
        """Many figures in one warm browser, in order; `progress(done, total)` after each.

        `height`: one for all, one per figure, or None for each figure's own (figure_height).
        """
        if fmt not in ("png", "svg", "jpeg", "webp", "pdf"):
            raise ValueError(f"unsupported image format: {fmt}")
        figs = list(figs)
        if not figs:
            return []
        heights = list(height) if isinstance(height, Sequence) else [height] * len(figs)
        opts = [{"format": fmt, "width": width, "scale": scale, "height": h or figure_height(fig)}
                for fig, h in zip(figs, heights, strict=True)]
        images: list[bytes] = []
        with self._lock:
            for _attempt in range(2):
                error = self._render_into(images, figs, opts, progress)
                if error is None:
                    return images
                self._discard_browser()  # a crashed or hung browser: start afresh for the rest
        raise ImageExportError(f"{type(error).__name__}: {error}") from error

    def _render_into(self, images: list[bytes], figs: list, opts: list[dict],
                     progress: Callable[[int, int], None] | None) -> Exception | None:
        """Render the figures not yet in `images`; the error that stopped it, if any."""
        browser = self._ensure_browser()
        start = len(images)
        futures = [browser.submit(fig, opt)
                   for fig, opt in zip(figs[start:], opts[start:], strict=True)]
        try:
            # Waited for in order, in the caller's thread, so `progress` may touch the UI.
            for future in futures:
                try:
                    images.append(bytes(future.result(RENDER_TIMEOUT_S + 30)))
                except Exception as exc:  # noqa: BLE001 - reported by the caller
                    return exc
                if progress is not None:
                    progress(len(images), len(figs))
        finally:
            for future in futures:
                future.cancel()
        return None

    def _discard_browser(self) -> None:
        _close_browser(self._holder)

    def close(self) -> None:
        """Close the browser (a later image starts a new one)."""
        with self._lock:
            self._discard_browser()


# --- data ---------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
INT_FORMAT = "#,##0"
FLOAT_FORMAT = "#,##0.00"
SHARE_FORMAT = "0.0%"
POINTS_FORMAT = "0.0"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_FILL = "DCE6F1"
MAX_CELL_CHARS = 32767
_NO_DATA = ("Tidak ada data untuk filter ini.", "No data for these filters.")


def neutralize(value: Any) -> Any:
    """A text starting with = + - @ (or tab/CR) prefixed with ' so no spreadsheet runs it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _column_format(name: str, series: pd.Series) -> str | None:
    """Excel number format of a column, from its dtype and (for shares and %) its name."""
    lowered = name.lower()
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_datetime64_any_dtype(series):
        clean = series.dropna()
        has_time = bool(len(clean)) and bool((clean.dt.normalize() != clean).any())
        return DATETIME_FORMAT if has_time else DATE_FORMAT
    if pd.api.types.is_integer_dtype(series):
        return INT_FORMAT
    if pd.api.types.is_float_dtype(series):
        if lowered == "share" or lowered.endswith("_share"):
            return SHARE_FORMAT  # fractions 0–1
        if lowered.endswith("_pct"):
            return POINTS_FORMAT  # already percentage points 0–100 (e.g. progress_pct)
        return FLOAT_FORMAT
    return None


def _cell_value(value: Any) -> Any:
    """A pandas/numpy value as something openpyxl writes (None for missing)."""
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        value = value.item()  # numpy scalar
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value)
                         and pd.isna(value)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value if isinstance(value, (str, bool, int, float, dt.date, dt.time)) else str(value)


def sheet_title(name: object, used: set[str]) -> str:
    """A valid, unique (case-insensitive) Excel sheet title for `name`; records it in `used`."""
    base = _SHEET_BAD.sub("_", str(name)).strip("'").strip() or "Sheet"
    title, n = base[:31], 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def _text_width(value: Any, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 16 if number_format == DATETIME_FORMAT else 10
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return len(f"{value:,.2f}") if number_format != INT_FORMAT else len(f"{value:,.0f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _text_cell(ws: Any, value: str, header: Mapping[str, Any] | None = None) -> Any:
    """A text cell; one that looks like a formula stays text through Excel's quote prefix."""
    from openpyxl.cell import WriteOnlyCell

    text = _ILLEGAL_XML.sub("", value)[:MAX_CELL_CHARS]  # XML-safe, within Excel's cell limit
    guarded = text.startswith(_FORMULA_START)
    if not (guarded or header):
        return text
    # quotePrefix is Excel's own leading apostrophe: the text shows unchanged ("+62 812…"
    # phone numbers keep their look), is never evaluated, and stays text when edited.
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type, cell.quotePrefix = "s", guarded
    for name, style in (header or {}).items():
        setattr(cell, name, style)
    return cell


def _write_sheet(wb: Any, title: str, frame: pd.DataFrame, formats: Mapping[str, str]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    names = [str(c) for c in frame.columns]
    number_formats = [formats.get(n) or _column_format(n, frame.iloc[:, i])
                      for i, n in enumerate(names)]
    columns = [[_cell_value(v) for v in frame.iloc[:, i].astype(object).tolist()]
               for i in range(len(names))]
    # Widths from the header and the first rows: enough to read, cheap on 100,000 rows.
    for i, name in enumerate(names):
        width = max([len(name) + 2, *(_text_width(v, number_formats[i])
                                      for v in columns[i][:2000])])
        ws.column_dimensions[get_column_letter(i + 1)].width = min(max(width + 2, 8), 60)
    ws.freeze_panes = "A2"
    header = dict(font=Font(bold=True), fill=PatternFill("solid", fgColor=HEADER_FILL),
                  border=Border(bottom=Side(style="thin", color="7F7F7F")),
                  alignment=Alignment(vertical="center"))
    ws.append([_text_cell(ws, name, header) for name in names])
    for values in zip(*columns, strict=True) if columns else ():
        row = []
        for value, number_format in zip(values, number_formats, strict=True):
            if isinstance(value, str):
                value = _text_cell(ws, value)
            elif number_format is not None and value is not None:
                value = WriteOnlyCell(ws, value=value)
                value.number_format = number_format
            row.append(value)
        ws.append(row)
    if names:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(names))}{max(len(frame), 1) + 1}"


def to_xlsx(frames: Mapping[str, pd.DataFrame], *, lang: str = "id", title: str | None = None,
            formats: Mapping[str, str] | None = None) -> bytes:
    """One formatted sheet per frame: bold filled header, frozen, filtered, fitted, formatted.

    Number formats follow the dtype (ints, floats, dates) and the name ("share" columns are
    fractions shown as %); `formats` ({column: Excel format}) overrides them.
    """
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    if title:
        wb.properties.title = title
    used: set[str] = set()
    for name, frame in frames.items():
        _write_sheet(wb, sheet_title(name, used), frame, formats or {})
    if not frames:
        message = _NO_DATA[1] if lang == "en" else _NO_DATA[0]
        _write_sheet(wb, sheet_title("Data", used), pd.DataFrame({message: []}, dtype=object),
                     {})
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (Excel then reads the accents right), formula-like text guarded."""
    safe = frame.copy()
    safe.columns = [neutralize(str(c)) for c in frame.columns]
    for column in safe.columns:
        series = safe[column]
        if not (pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)
                or pd.api.types.is_datetime64_any_dtype(series)):
            safe[column] = series.astype(object).map(neutralize)
    return safe.to_csv(index=False).encode("utf-8-sig")
