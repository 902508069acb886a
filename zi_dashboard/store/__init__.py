"""The store: tables and migrations, versions (commit, load, list, diff, roll back), the audit log
and the import service. `from zi_dashboard import store` gives the version API below."""

from zi_dashboard.store.database import MIGRATIONS, connect, migrate
from zi_dashboard.store.diff import Diff, diff_tables
from zi_dashboard.store.frames import empty_table
from zi_dashboard.store.mappings import load_mappings, save_mappings
from zi_dashboard.store.versions import (
    CommitResult,
    Snapshot,
    Version,
    commit_version,
    current_version,
    diff_versions,
    empty_snapshot,
    list_events,
    list_versions,
    load_snapshot,
    previous_version,
    record_event,
    rollback,
    version_files,
)

__all__ = [
    "CommitResult", "Diff", "MIGRATIONS", "Snapshot", "Version", "commit_version", "connect",
    "current_version", "diff_tables", "diff_versions", "empty_snapshot", "empty_table", "list_events",
    "list_versions", "load_mappings", "load_snapshot", "migrate", "previous_version",
    "record_event", "rollback", "save_mappings", "version_files",
]
