"""The import pipeline shared by the CLI and the upload page: validate, preview, commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from zi_dashboard import sample, store
from zi_dashboard.config import DATA_DIR, Settings
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import ReadOptions, ValidationResult, validate_sources

__all__ = ["ImportOutcome", "import_sources", "load_sample_if_empty", "validate_against_current"]


@dataclass
class ImportOutcome:
    """What an import did: the validation, and the commit when there was one."""

    validation: ValidationResult
    commit: store.CommitResult | None

    @property
    def ok(self) -> bool:
        return self.validation.report.ok and self.commit is not None


def validate_against_current(engine: Engine, files: Sequence[SourceFile],
                             settings: Settings, options: ReadOptions | None = None
                             ) -> ValidationResult:
    """Validate files, checking references against the current version (partial uploads)."""
    current = store.load_snapshot(engine).tables if store.current_version(engine) else None
    return validate_sources(
        files,
        current=current,
        max_bytes=settings.max_upload_bytes,
        max_uncompressed_bytes=settings.max_uncompressed_bytes,
        default_event=settings.default_event,
        options=options,
    )


def import_sources(engine: Engine, files: Sequence[SourceFile], settings: Settings, *,
                   uploader: str, note: str = "",
                   validation: ValidationResult | None = None,
                   options: ReadOptions | None = None) -> ImportOutcome:
    """Validate (unless already done) and commit one version; on any error commit nothing."""
    validation = validation or validate_against_current(engine, files, settings, options)
    if not validation.report.ok:
        store.record_event(engine, "upload_refused", uploader,
                           f"{', '.join(f.name for f in files)}: "
                           f"{len(validation.report.errors)} error(s)")
        return ImportOutcome(validation, None)
    commit = store.commit_version(engine, validation.tables, files, uploader=uploader, note=note)
    if commit.created:
        store.record_event(engine, "upload", uploader, ", ".join(f.name for f in files),
                           version_id=commit.version.id)
    return ImportOutcome(validation, commit)


def load_sample_if_empty(engine: Engine, settings: Settings,
                         data_dir: Path = DATA_DIR) -> list[store.Version]:
    """On an empty database, import the bundled sample (2019, then 2020) as two versions."""
    if store.list_versions(engine):
        return []
    paths = sample.sample_paths(data_dir)
    if not all(p.exists() for p in paths):
        sample.write_sample(data_dir)
    versions = []
    for path in paths:
        outcome = import_sources(engine, [SourceFile.from_path(path)], settings,
                                 uploader="sample", note=f"Data contoh: {path.name}")
        if not outcome.ok:
            first = outcome.validation.report.errors[0]
            raise RuntimeError(f"bundled sample {path.name} does not validate: "
                               f"{first.code} {first.message('en')}")
        versions.append(outcome.commit.version)  # type: ignore[union-attr]
    return versions
