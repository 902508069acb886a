"""Source files as they arrive: a name and the original bytes, identified by content hash."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

__all__ = ["SourceFile", "combined_sha256"]


@dataclass(frozen=True)
class SourceFile:
    """One uploaded or imported file."""

    name: str
    data: bytes

    @classmethod
    def from_path(cls, path: str | Path) -> SourceFile:
        path = Path(path)
        return cls(path.name, path.read_bytes())

    @classmethod
    def from_upload(cls, upload: BinaryIO, name: str | None = None) -> SourceFile:
        """Any binary file-like object (Streamlit's UploadedFile, BytesIO, an open file)."""
        return cls(name or getattr(upload, "name", "upload"), upload.read())

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)


def combined_sha256(files: Iterable[SourceFile]) -> str:
    """One hash for a set of files, independent of their order and names."""
    digest = hashlib.sha256()
    for sha in sorted(f.sha256 for f in files):
        digest.update(bytes.fromhex(sha))
    return digest.hexdigest()
