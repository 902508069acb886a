"""Run a parse in a child process with memory and time limits, so no file takes the server down.

Whatever happens in the child (a Rust abort, MemoryError, pyo3's PanicException, a hang), the
caller gets one UnreadableFileError with a code: file_parse_crashed, file_too_complex or
file_parse_timeout. UnreadableFileErrors raised in the child pass through unchanged.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing import context, forkserver, popen_forkserver, reduction, spawn, util

from zi_dashboard.domain.errors import UnreadableFileError

__all__ = ["Isolation", "run_isolated"]

# The forkserver starts from a fresh interpreter (never a fork of the threaded Streamlit
# server) and forks each child from a process that has already imported the parser.
_PRELOAD = ["zi_dashboard.ingest.workbook"]
_MB = 1024 * 1024
# Each child reports its peak resident size here (DEBUG), for tests and operators.
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Isolation:
    """Limits of one child: address space in bytes and wall-clock seconds."""

    memory_bytes: int
    timeout_seconds: float


class _Popen(popen_forkserver.Popen):
    """The forkserver launch, minus the main script: every child would import it again (the
    `streamlit` launcher, a test runner: 0.3 s or more), and the parser needs nothing from it."""

    def _launch(self, process_obj):  # as popen_forkserver.Popen._launch (Python 3.11)
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        context.set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            context.set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        _parent_w = os.dup(w)
        self.finalizer = util.Finalize(self, util.close_fds, (_parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Process(context.ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Popen(process_obj)


# _Popen._launch copies the standard library's private launch of this version; on any other
# the plain forkserver process is used (correct, only slower: it imports the main script again).
_LAUNCH_COPIED_FROM = ((3, 11),)


def _context() -> tuple[multiprocessing.context.BaseContext, type]:
    """The context and Process class: forkserver where there is one, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("spawn")
        return ctx, ctx.Process
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)
    return ctx, (_Process if sys.version_info[:2] in _LAUNCH_COPIED_FROM else ctx.Process)


def _limit(memory_bytes: int, seconds: float) -> None:
    """Cap the child's address space and CPU time (the parent's timer is the second line)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _child(conn, func: Callable, args: tuple, isolation: Isolation) -> None:
    """Body of the child: send ("ok", result, peak MB) or ("error", code, params, peak MB)."""
    try:
        _limit(isolation.memory_bytes, isolation.timeout_seconds)
        message: tuple = ("ok", func(*args))
    except UnreadableFileError as exc:
        message = ("error", exc.code, exc.params)
    except MemoryError:
        message = ("error", "file_too_complex", {})
    except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException is a BaseException
        message = ("error", "file_parse_crashed", {"reason": type(exc).__name__})
    try:
        conn.send((*message, _peak_mb()))
    except MemoryError:  # the result itself did not fit: too complex to hand back
        conn.send(("error", "file_too_complex", {}, _peak_mb()))
    finally:
        conn.close()


def _death(exitcode: int | None, file: str, isolation: Isolation) -> UnreadableFileError:
    """The coded error for a child that died without answering."""
    if exitcode == -signal.SIGXCPU:  # RLIMIT_CPU
        return UnreadableFileError("file_parse_timeout", file,
                                   seconds=round(isolation.timeout_seconds))
    # Rust aborts (SIGABRT) when an allocation fails, which under RLIMIT_AS means memory; a
    # SIGKILL we did not send is the kernel's out-of-memory killer.
    if exitcode in (-signal.SIGABRT, -signal.SIGKILL):
        return UnreadableFileError("file_too_complex", file,
                                   max_mb=round(isolation.memory_bytes / _MB))
    return UnreadableFileError("file_parse_crashed", file, reason=f"exit {exitcode}")


def run_isolated(func: Callable, args: tuple, *, file: str, isolation: Isolation):
    """func(*args) computed in a limited child process; UnreadableFileError on any failure."""
    ctx, process_class = _context()
    receive, send = ctx.Pipe(duplex=False)
    process = process_class(target=_child, args=(send, func, args, isolation), daemon=True)
    try:
        process.start()
    except Exception as exc:  # no process could be started (e.g. the host is out of memory)
        receive.close()
        send.close()
        raise UnreadableFileError("file_parse_crashed", file, reason="start") from exc
    send.close()  # so a dead child reads as EOF here, not a hang
    try:
        if not receive.poll(isolation.timeout_seconds):
            raise UnreadableFileError("file_parse_timeout", file,
                                      seconds=round(isolation.timeout_seconds))
        try:
            message = receive.recv()
        except (EOFError, OSError):
            process.join(5)
            raise _death(process.exitcode, file, isolation) from None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join()
        process.close()
    _log.debug("parsed %s in a child: peak %.1f MB", file, message[-1])
    if message[0] == "ok":
        return message[1]
    if message[1] == "file_too_complex":
        raise UnreadableFileError("file_too_complex", file,
                                  max_mb=round(isolation.memory_bytes / _MB))
    raise UnreadableFileError(message[1], file, **message[2])
