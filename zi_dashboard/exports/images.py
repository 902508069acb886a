"""Figures to PNG/SVG through one warm Chromium (kaleido >= 1)."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import functools
import os
import shutil
import struct
import threading
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from zi_dashboard.domain.errors import ZiError
from zi_dashboard.i18n import t

__all__ = ["ImageExportError", "ImageExporter", "figure_height", "png_size"]

DEFAULT_WIDTH = 1200
DEFAULT_HEIGHT = 600
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 90.0  # per figure, enforced by kaleido
_BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")

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


class _TurnLock:
    """A lock taken in the order it was asked for (threading.Lock lets the thread that just
    released it take it straight back, so a long pack would keep every PNG waiting)."""

    def __init__(self) -> None:
        self._turns = threading.Condition()
        self._next = self._serving = 0

    def __enter__(self) -> None:
        with self._turns:
            ticket, self._next = self._next, self._next + 1
            self._turns.wait_for(lambda: self._serving == ticket)

    def __exit__(self, *exc: object) -> None:
        with self._turns:
            self._serving += 1
            self._turns.notify_all()


class ImageExporter:
    """One warm Chromium per process (kaleido >= 1), used in turns of one batch of figures."""

    def __init__(self, browser_path: str | None = None, *, tabs: int = 2) -> None:
        """Find the browser now; start it lazily, on the first image."""
        self.browser_path, looked_at = _find_browser(browser_path)
        import plotly

        self.plotly_js = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
        self.tabs = max(1, min(tabs, os.cpu_count() or 1))
        self._lock = _TurnLock()
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
        code, params = self._reason
        return t(f"export.{code}", lang, **params)

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
        # The lock is held for one batch (a figure per tab), not for the whole call, and taken
        # in turn: a PNG asked for during a 20-chart pack waits for one batch, not the pack.
        for start in range(0, len(figs), self.tabs):
            batch = slice(start, start + self.tabs)
            done: list[bytes] = []
            with self._lock:
                for _attempt in range(2):
                    error = self._render_into(done, figs[batch], opts[batch])
                    if error is None:
                        break
                    self._discard_browser()  # a crashed or hung browser: start afresh
                else:
                    raise ImageExportError(f"{type(error).__name__}: {error}") from error
            images += done
            if progress is not None:  # in the caller's thread, so it may touch the UI
                progress(len(images), len(figs))
        return images

    def _render_into(self, images: list[bytes], figs: list, opts: list[dict]) -> Exception | None:
        """Render the figures not yet in `images`; the error that stopped it, if any."""
        browser = self._ensure_browser()
        start = len(images)
        futures = [browser.submit(fig, opt)
                   for fig, opt in zip(figs[start:], opts[start:], strict=True)]
        try:
            for future in futures:  # in order
                try:
                    images.append(bytes(future.result(RENDER_TIMEOUT_S + 30)))
                except Exception as exc:  # noqa: BLE001 - reported by the caller
                    return exc
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
