"""Exceptions, for what cannot be handled as data.

    ZiError
    ├── UnreadableFileError   a file that is not a readable spreadsheet (or is too large)
    └── StoreError            a database operation that cannot go ahead (unknown version, …)
        └── StoreBusyError    another write held the lock longer than the wait allows

Bad rows are never exceptions: they are issues in a validation report.
"""

from __future__ import annotations

__all__ = ["StoreBusyError", "StoreError", "UnreadableFileError", "ZiError"]


class ZiError(Exception):
    """Base of every error this package raises on purpose."""


class UnreadableFileError(ZiError):
    """A file that cannot be read at all; `code` and `params` feed the report message."""

    def __init__(self, code: str, file: str, **params: object) -> None:
        super().__init__(f"{code}: {file} {params}")
        self.code = code
        self.file = file
        self.params = params


class StoreError(ZiError):
    """A store operation that cannot go ahead."""


class StoreBusyError(StoreError):
    """The write lock was not free within the wait: nothing was written; try again."""
