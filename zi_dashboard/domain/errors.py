"""Exceptions, for what cannot be handled as data.

    ZiError
    ├── UnreadableFileError   a file that is not a readable spreadsheet (or is too large)
    ├── StoreError            a database operation that cannot go ahead (unknown version, …)
    │   └── StoreBusyError    another write held the lock longer than the wait allows
    └── UserError             an account change that can't be made (name taken, bad role, …)

Bad rows are never exceptions: they are issues in a validation report.
"""

from __future__ import annotations

__all__ = ["StoreBusyError", "StoreError", "UnreadableFileError", "UserError", "ZiError"]


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


class UserError(ZiError):
    """An account change that can't be made; `code` and `params` feed the i18n message."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params
