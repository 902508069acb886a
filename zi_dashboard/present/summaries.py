"""Plain-data summaries of a version and of a diff, for the CLI's text and JSON output."""

from __future__ import annotations

from zi_dashboard import store
from zi_dashboard.analysis import metrics

__all__ = ["diff_summary", "snapshot_status", "version_dict"]


def version_dict(version: store.Version) -> dict:
    """A version as JSON-ready data."""
    return {
        "id": version.id,
        "created_at": version.created_at.isoformat(timespec="seconds"),
        "uploader": version.uploader,
        "note": version.note,
        "files": list(version.files),
        "sha256": version.sha256,
        "counts": dict(version.counts),
        "current": version.is_current,
    }


def snapshot_status(snapshot: store.Snapshot) -> dict:
    """Current version and its headline counts: agents, units, attendance by mode, stages."""
    if snapshot.version is None:
        return {"version": None, "agents": 0, "units": 0, "attendance": {}, "stages": {}}
    head = metrics.headline(snapshot.tables)
    return {
        "version": version_dict(snapshot.version),
        "agents": head["agents"],
        "units": head["units"],
        "attendance": head["attendance"],
        "stages": head["stages"],
    }


def diff_summary(diff: store.Diff) -> dict:
    """Counts first, then the changed records, as JSON-ready data."""
    return {"counts": dict(diff.counts)}
