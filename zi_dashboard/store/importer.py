"""The import pipeline shared by the CLI and the upload page: validate, preview, commit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from zi_dashboard import sample, store
from zi_dashboard.access import Principal
from zi_dashboard.config import DATA_DIR, Settings
from zi_dashboard.domain.errors import StoreBusyError
from zi_dashboard.ingest.report import Report
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.ingest.validate import ReadOptions, ValidationResult, validate_sources
from zi_dashboard.ingest.workbook import REFUSAL_CODES
from zi_dashboard.store import scoped, versions

__all__ = ["ImportOutcome", "import_sources", "load_sample_if_empty", "record_refusal",
           "refusal_detail", "validate_against_current", "validate_on_current"]

# Codes named in an audit line: enough to tell a crash from a bad row at a glance.
_AUDIT_CODES = 6
# A scoped commit merges with the current version; when others keep committing first, it is
# checked and merged again over theirs this many times before giving up (nothing stored).
_SCOPED_ATTEMPTS = 5


@dataclass
class ImportOutcome:
    """What an import did: the validation, and the commit when there was one."""

    validation: ValidationResult
    commit: store.CommitResult | None

    @property
    def ok(self) -> bool:
        return self.validation.report.ok and self.commit is not None


def _scoped(principal: Principal | None) -> bool:
    return principal is not None and principal.scoped


def _validate(files: Sequence[SourceFile], settings: Settings, options: ReadOptions | None,
              current: store.Snapshot, principal: Principal | None) -> ValidationResult:
    return validate_sources(
        files,
        current=current.tables if current.version is not None else None,
        max_bytes=settings.max_upload_bytes,
        max_uncompressed_bytes=settings.max_uncompressed_bytes,
        default_event=settings.default_event,
        options=options,
        scope=principal if _scoped(principal) else None,
    )


def validate_on_current(engine: Engine, files: Sequence[SourceFile], settings: Settings,
                        options: ReadOptions | None = None, principal: Principal | None = None
                        ) -> tuple[ValidationResult, int | None]:
    """Validate files against the current version, and say which version that was (None: an
    empty database): import_sources' `validated_on`, so a scoped commit over any other version
    is checked again. principal: a scoped uploader's rows outside its scope are errors."""
    current = store.load_snapshot(engine)
    base = current.version.id if current.version is not None else None
    return _validate(files, settings, options, current, principal), base


def validate_against_current(engine: Engine, files: Sequence[SourceFile],
                             settings: Settings, options: ReadOptions | None = None,
                             principal: Principal | None = None) -> ValidationResult:
    """Validate files, checking references against the current version (partial uploads).
    principal: a scoped uploader's rows outside its scope are errors (ingest.scope_check)."""
    return validate_on_current(engine, files, settings, options, principal)[0]


def refusal_detail(files: Sequence[SourceFile], report: Report,
                   unreadable_only: bool = False) -> str:
    """The audit line of a refusal: file names, error count and the distinct error codes."""
    errors = [i for i in report.errors if not unreadable_only or i.code in REFUSAL_CODES]
    codes = list(dict.fromkeys(i.code for i in errors))
    shown = ", ".join(codes[:_AUDIT_CODES]) + (", …" if len(codes) > _AUDIT_CODES else "")
    return f"{', '.join(f.name for f in files)}: {len(errors)} error(s): {shown}"


def record_refusal(engine: Engine, files: Sequence[SourceFile], report: Report, actor: str, *,
                   unreadable_only: bool = False) -> bool:
    """Audit a refused upload (with its error codes); True when there was something to audit.
    unreadable_only: audit only files that could not be read at all (a dry-run validation)."""
    if not any(not unreadable_only or i.code in REFUSAL_CODES for i in report.errors):
        return False
    store.record_event(engine, "upload_refused", actor,
                       refusal_detail(files, report, unreadable_only))
    return True


def _clash_refusal(files: Sequence[SourceFile], settings: Settings, options: ReadOptions | None,
                   current: store.Snapshot, principal: Principal, clashes: dict,
                   checked: ValidationResult) -> ValidationResult:
    """The refusal of an upload whose rows `current` holds for another scope: checked again on
    `current`, which names each at its sheet, row and column (ingest.scope_check); should that
    check miss one, it is named at its sheet and column (store.scoped.clash_issues)."""
    again = _validate(files, settings, options, current, principal)
    if again.report.ok:
        again.report.issues.extend(scoped.clash_issues(clashes, checked.tables, again.report,
                                                       principal))
    return again


def _import_scoped(engine: Engine, files: Sequence[SourceFile], settings: Settings,
                   principal: Principal, *, uploader: str, note: str,
                   validation: ValidationResult | None, options: ReadOptions | None,
                   validated_on: object) -> ImportOutcome:
    """Commit the scope's rows over every other unit's rows of the current version."""
    for _ in range(_SCOPED_ATTEMPTS):
        current = store.load_snapshot(engine)
        base = current.version.id if current.version is not None else None
        # A check made on another version, or on one nobody named, is made again on this one:
        # what lies outside the scope is what this version holds there.
        if validation is None or validated_on is versions.ANY_BASE or validated_on != base:
            validation = _validate(files, settings, options, current, principal)
        clashes = (scoped.clashing_rows(current.tables, validation.tables, principal)
                   if validation.report.ok else {})
        if clashes:  # rows this version holds for another scope: never merged, never dropped
            validation = _clash_refusal(files, settings, options, current, principal, clashes,
                                        validation)
        if not validation.report.ok:
            record_refusal(engine, files, validation.report, uploader)
            return ImportOutcome(validation, None)
        merged = scoped.merge_scope(current.tables, validation.tables, principal)
        commit = store.commit_version(
            engine, merged, scoped.stored_files(files, principal, base, list(merged)),
            uploader=uploader, note=note, onto=base,
            audit=f"{', '.join(f.name for f in files)} (scope {principal.describe_scope()})")
        if commit.created or not commit.version.is_current or commit.version.id == base:
            return ImportOutcome(validation, commit)
        # Another commit came first: its rows must be kept too, so check and merge over it.
        validation = None
    raise StoreBusyError("Data terus berubah oleh unggahan lain; coba lagi / other uploads keep "
                         "changing the data; try again")


def import_sources(engine: Engine, files: Sequence[SourceFile], settings: Settings, *,
                   uploader: str, note: str = "",
                   validation: ValidationResult | None = None,
                   options: ReadOptions | None = None,
                   onto: object = versions.ANY_BASE,
                   principal: Principal | None = None,
                   validated_on: object = versions.ANY_BASE) -> ImportOutcome:
    """Validate (unless already done) and commit one version; on any error commit nothing.
    onto: see store.commit_version (commit only over that current version).

    principal: a scoped uploader replaces only its scope's rows; the new version keeps every
    other unit's rows of the version current at the commit (store.scoped). `validated_on`: the
    version `validation` was checked against (validate_on_current); unless that version is
    current at the commit, the files are checked again (with `options`: read them as the check
    did). `onto` does not apply: a scoped commit always merges with the current one.
    Raises StoreBusyError when another write holds the lock too long (nothing is stored)."""
    if _scoped(principal):
        if onto is not versions.ANY_BASE:
            raise ValueError("onto does not apply to a scoped import")
        return _import_scoped(engine, files, settings, principal,  # type: ignore[arg-type]
                              uploader=uploader, note=note, validation=validation,
                              options=options, validated_on=validated_on)
    validation = validation or validate_against_current(engine, files, settings, options)
    if not validation.report.ok:
        record_refusal(engine, files, validation.report, uploader)
        return ImportOutcome(validation, None)
    # The "upload" audit entry is written in the commit's own transaction.
    commit = store.commit_version(engine, validation.tables, files, uploader=uploader, note=note,
                                  audit=", ".join(f.name for f in files), onto=onto)
    return ImportOutcome(validation, commit)


def load_sample_if_empty(engine: Engine, settings: Settings,
                         data_dir: Path = DATA_DIR) -> list[store.Version]:
    """On an empty database, import the bundled sample (2019, then 2020) as two versions."""
    if store.list_versions(engine):
        return []
    paths = sample.sample_paths(data_dir)
    if not all(p.exists() for p in paths):
        sample.write_sample(data_dir)
    loaded: list[store.Version] = []
    for path in paths:
        # Each over the one before it: when another process loads the sample at the same time,
        # the first commit made elsewhere stops this loop instead of adding versions twice.
        outcome = import_sources(engine, [SourceFile.from_path(path)], settings,
                                 uploader="sample", note=f"Data contoh: {path.name}",
                                 onto=loaded[-1].id if loaded else None)
        if not outcome.validation.report.ok:
            first = outcome.validation.report.errors[0]
            raise RuntimeError(f"bundled sample {path.name} does not validate: "
                               f"{first.code} {first.message('en')}")
        if not outcome.commit.created:  # type: ignore[union-attr]
            break
        loaded.append(outcome.commit.version)  # type: ignore[union-attr]
    return loaded
