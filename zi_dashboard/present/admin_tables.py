"""Display-ready data for the admin pages: validation reports, diffs, versions and the audit log."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

import pandas as pd

from zi_dashboard.access import Principal
from zi_dashboard.domain import schema
from zi_dashboard.i18n import format_date, format_delta, format_number, t
from zi_dashboard.i18n.format import DEFAULT_ZONE, zone_name
from zi_dashboard.ingest.report import REPORT_COLUMNS, Issue, Report
from zi_dashboard.ingest.sources import SourceFile, combined_sha256
from zi_dashboard.present.text import markdown_text
from zi_dashboard.store import Version
from zi_dashboard.store.diff import Diff

__all__ = [
    "SEVERITIES",
    "blocking_summary",
    "commit_state",
    "diff_cards",
    "diff_sections",
    "escape_markdown",
    "events_table",
    "issue_location",
    "matching_version",
    "report_table",
    "sheets_table",
    "shown_size",
    "time_column",
    "time_heading",
    "upload_scope",
    "shows_version_details",
    "version_label",
    "versions_table",
]

SEVERITIES = ("error", "warning", "info")
SHA_SHOWN = 12  # enough to tell versions apart at a glance; the full hash is in the database
HIDDEN = "—"  # a version detail the viewer may not see
_AGENT_COLUMNS = ("nip", "name", "unit", "position", "attendance_mode")
_UNIT_COLUMNS = ("unit_name", "eselon1", "zi_stage", "lke_score")
# (Diff attribute, display columns) of each preview tab, agents first, then units.
_SECTIONS = (
    ("agents_added", _AGENT_COLUMNS),
    ("agents_removed", _AGENT_COLUMNS),
    ("agents_moved", ("nip", "name", "old_unit", "new_unit")),
    ("attendance_changed", ("nip", "name", "old", "new")),
    ("units_stage_changed", ("unit_name", "old", "new")),
    ("units_score_changed", ("unit_name", "old", "new", "delta")),
    ("units_added", _UNIT_COLUMNS),
    ("units_removed", _UNIT_COLUMNS),
)
_EVENT_KINDS = ("upload", "upload_refused", "sign_in", "sign_in_failed", "sign_out", "rollback",
                "export", "column_mappings", "user_added", "user_changed", "user_disabled",
                "user_enabled", "user_password")
_ALWAYS_SHOWN = 6  # the first sections are shown even when empty; unit additions only when any


def escape_markdown(text: str) -> str:
    """Text from a file made inert for Streamlit's markdown (links, autolinks, emphasis, :icons:,
    $math$), its line breaks kept as Markdown line breaks."""
    return "  \n".join(markdown_text(line) for line in str(text).split("\n"))


def _severity_label(severity: str, lang: str) -> str:
    return t(f"unggah.severity.{severity}", lang)


def report_table(report: Report, lang: str, severities: Iterable[str] | None = None,
                 query: str = "") -> pd.DataFrame:
    """The issues, errors first, narrowed by severity and a free-text search, headers labelled."""
    frame = report.to_frame(lang)
    if severities is not None:
        frame = frame[frame["severity"].isin(list(severities))]
    words = query.strip().lower().split()
    if words:
        haystack = [" ".join(str(v) for v in record if not pd.isna(v)).lower()
                    for record in frame.itertuples(index=False)]
        keep = [all(w in text for w in words) for text in haystack]
        frame = frame[keep]
    frame = frame.assign(severity=frame["severity"].map(lambda s: _severity_label(s, lang)))
    return frame.reset_index(drop=True).rename(
        columns={c: t(f"unggah.col.{c}", lang) for c in REPORT_COLUMNS})


def sheets_table(report: Report, lang: str) -> pd.DataFrame:
    """Which sheet of which file was read as which dataset, and how many data rows it had."""
    records = [{
        "file": s["file"], "sheet": s["sheet"],
        "dataset": (schema.DATASETS[s["dataset"]].label(lang) if s.get("dataset")
                    else t("unggah.sheet_skipped", lang)),
        "rows": int(s.get("rows") or 0), "header_row": s.get("header_row") or None,
    } for s in report.sheets]
    columns = ("file", "sheet", "dataset", "rows", "header_row")
    frame = pd.DataFrame(records, columns=list(columns))
    frame["header_row"] = frame["header_row"].astype("Int64")
    return frame.rename(columns={c: t(f"unggah.col.{c}", lang) for c in columns})


def commit_state(report: Report) -> str:
    """'blocked' (errors), 'confirm' (warnings only) or 'ready' (no issues)."""
    if report.errors:
        return "blocked"
    return "confirm" if report.warnings else "ready"


def issue_location(issue: Issue, lang: str) -> str:
    """Where an issue is, as the user finds it in Excel, and what it says."""
    place = issue.file
    if issue.sheet and issue.row is not None:
        place = t("unggah.at", lang, file=issue.file, sheet=issue.sheet, row=issue.row,
                  column=issue.column or "–")
    elif issue.sheet:
        place = f"{issue.file} · {issue.sheet}"
    return f"{place}: {issue.message(lang)}"


def blocking_summary(report: Report, lang: str, limit: int = 3) -> str:
    """Why nothing can be saved: the number of errors and the first few, located."""
    # A missing column comes first: a mapping on this page can fix it, without a new file.
    errors = sorted(report.errors, key=lambda i: i.code != "missing_column")
    text = t("unggah.blocked", lang, count=format_number(len(errors), lang))
    text += "".join("\n- " + issue_location(i, lang) for i in errors[:limit])
    if len(errors) > limit:
        text += "\n\n" + t("unggah.blocked_more", lang,
                            n=format_number(len(errors) - limit, lang))
    if errors and errors[0].code == "missing_column":
        text += "\n\n" + t("upload.blocked_mappable", lang)
    return text


def upload_scope(tables: Mapping[str, pd.DataFrame], lang: str) -> str | None:
    """The labels of the uploaded datasets when the upload leaves some out, else None."""
    present = [d for d in schema.DATASET_ORDER if d in tables]
    if not present or len(present) == len(schema.DATASET_ORDER):
        return None
    return ", ".join(schema.DATASETS[d].label(lang) for d in present)


def matching_version(versions: Sequence[Version], files: Sequence[SourceFile]) -> Version | None:
    """The newest stored version made of byte-identical files, if any."""
    if not files:
        return None
    sha = combined_sha256(files)
    return next((v for v in versions if v.sha256 == sha), None)


def _card(key: str, value: int, lang: str, delta: int | None = None) -> dict:
    return {"label": t(f"unggah.diff.{key}", lang), "value": format_number(value, lang),
            "delta": format_delta(delta, lang) if delta else None}


def diff_cards(diff: Diff, lang: str) -> list[dict]:
    """Eight metric cards: agents then units, totals with their change, then the change counts."""
    c = diff.counts
    return [
        _card("agents", c["agents_after"], lang, c["agents_after"] - c["agents_before"]),
        _card("agents_added", c["agents_added"], lang),
        _card("agents_removed", c["agents_removed"], lang),
        _card("agents_moved", c["agents_moved"], lang),
        _card("units", c["units_after"], lang, c["units_after"] - c["units_before"]),
        _card("units_stage_changed", c["units_stage_changed"], lang),
        _card("units_score_changed", c["units_score_changed"], lang),
        _card("attendance_changed", c["attendance_changed"], lang),
    ]


def _section_frame(name: str, frame: pd.DataFrame, columns: Sequence[str],
                   lang: str) -> pd.DataFrame:
    """One diff table with only `columns`, enum keys as labels, headers in the UI language."""
    out = pd.DataFrame({c: (frame[c] if c in frame.columns else pd.Series(None, index=frame.index,
                                                                          dtype=object))
                        for c in columns}, index=frame.index).reset_index(drop=True)
    enums = {"attendance_changed": schema.ATTENDANCE_MODES, "units_stage_changed": schema.STAGES}
    if name in enums:
        out["old"], out["new"] = (enums[name].labels(out[c].astype(object), lang) for c in ("old", "new"))
    if name == "units_score_changed":
        out[["old", "new"]] = out[["old", "new"]].astype("float64")
    for column, enum in (("attendance_mode", schema.ATTENDANCE_MODES), ("zi_stage", schema.STAGES)):
        if column in out.columns:
            out[column] = enum.labels(out[column].astype(object), lang)
    names = {c: t(f"unggah.diff.{c}", lang) if c in ("old_unit", "new_unit", "old", "new", "delta")
             else t(f"col.{c}", lang) for c in columns}
    return out.rename(columns=names)


def diff_sections(diff: Diff, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """(tab label with count, table) for each kind of change; unit additions only when any."""
    sections = []
    for n, (name, columns) in enumerate(_SECTIONS):
        frame = getattr(diff, name)
        if n >= _ALWAYS_SHOWN and frame.empty:
            continue
        label = t("unggah.diff.tab", lang, label=t(f"unggah.diff.{name}", lang),
                  n=format_number(len(frame), lang))
        sections.append((label, _section_frame(name, frame, columns, lang)))
    return sections


def shown_size(size: int, lang: str) -> str:
    """A byte count as 512 B, 35 kB or 1,2 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{format_number(size / 1024, lang)} kB"
    return f"{format_number(size / (1024 * 1024), lang, 1)} MB"


def shows_version_details(version: Version, viewer: Principal | None) -> bool:
    """Whether `viewer` sees a version's uploader, note, files, hash and counts.

    An unscoped admin or superadmin (and `viewer` None: the CLI, tests) sees every version's. A
    scoped admin sees those of the versions it uploaded only: another scope's note, file names,
    account and counts tell what that scope sent and when. Its other versions stay listed with
    their id and time, blanked rather than left out, because the version list must stay whole:
    the current mark, the diff between any two (cut to its scope) and the audit log refer to
    them.
    """
    return viewer is None or not viewer.scoped or (
        viewer.name is not None and version.uploader == viewer.name)


def version_label(version: Version, lang: str, zone: str = DEFAULT_ZONE,
                  viewer: Principal | None = None) -> str:
    """'Versi 2 · 4 Agustus 2020 · admin' for selectboxes (the day in the viewer's zone); no
    uploader where `viewer` may not see it (shows_version_details).

    No current-version mark: a keyed selectbox keeps showing the label it had when its value
    was chosen, so a mark would go stale after a rollback (the versions table shows it).
    """
    date = format_date(version.created_at, lang, zone)
    if not shows_version_details(version, viewer):
        return t("riwayat.version_label_hidden", lang, version=version.id, date=date)
    return t("riwayat.version_label", lang, version=version.id, date=date,
             uploader=version.uploader)


def time_heading(moments: Iterable[datetime], lang: str, zone: str = DEFAULT_ZONE) -> str:
    """The time column's header naming the zone its times are in: 'Waktu (WIB)'.

    A zone whose short name changes over the rows (summer time) is named by its IANA name.
    """
    names = {zone_name(moment, lang, zone) for moment in moments if not pd.isna(moment)}
    shown = names.pop() if len(names) == 1 else zone
    return t("riwayat.col.time", lang, zone=shown)


def time_column(frame: pd.DataFrame) -> str:
    """The header of a table's time column (the one holding times with a zone)."""
    return next(c for c in frame.columns if isinstance(frame[c].dtype, pd.DatetimeTZDtype))


def _in_zone(moment: datetime, zone: str) -> pd.Timestamp:
    # An aware time (the store's UTC) as the wall time of `zone`; a naive one raises TypeError.
    return pd.Timestamp(moment).tz_convert(zone)


def versions_table(versions: Sequence[Version], lang: str, zone: str = DEFAULT_ZONE,
                   viewer: Principal | None = None) -> pd.DataFrame:
    """One row per version: id, time in `zone`, uploader, note, files, short hash, row counts;
    where `viewer` may not see a version's details (shows_version_details) they are "—" and
    its counts empty."""
    heading = time_heading((v.created_at for v in versions), lang, zone)
    counts = [schema.DATASETS[d].label(lang) for d in schema.DATASET_ORDER]
    records = []
    for v in versions:
        shown = shows_version_details(v, viewer)
        record = {
            t("riwayat.col.version", lang): v.id,
            t("riwayat.col.current", lang): t("riwayat.current_mark", lang) if v.is_current else "",
            heading: _in_zone(v.created_at, zone),
            t("riwayat.col.uploader", lang): v.uploader if shown else HIDDEN,
            t("riwayat.col.note", lang): v.note if shown else HIDDEN,
            t("riwayat.col.files", lang): ", ".join(v.files) if shown else HIDDEN,
            t("riwayat.col.sha", lang): v.sha256[:SHA_SHOWN] if shown else HIDDEN,
        }
        for dataset, label in zip(schema.DATASET_ORDER, counts, strict=True):
            record[label] = int(v.counts.get(dataset, 0)) if shown else None
        records.append(record)
    frame = pd.DataFrame(records)
    if len(frame):  # whole numbers, a hidden count left empty
        frame[counts] = frame[counts].astype("Int64")
    return frame


def events_table(events: pd.DataFrame, lang: str, zone: str = DEFAULT_ZONE) -> pd.DataFrame:
    """The audit log with times in `zone`, event kinds in words, headers in the UI language."""
    kinds = events["kind"].astype(object).map(
        lambda k: t(f"riwayat.kind.{k}", lang) if k in _EVENT_KINDS else k)
    return pd.DataFrame({
        time_heading(events["time"], lang, zone): events["time"].dt.tz_convert(zone),
        t("riwayat.col.kind", lang): kinds,
        t("riwayat.col.actor", lang): events["actor"],
        t("riwayat.col.detail", lang): events["detail"],
        t("riwayat.col.version", lang): events["version_id"],
    }).reset_index(drop=True)
