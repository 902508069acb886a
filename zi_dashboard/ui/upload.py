"""Streamlit pieces of the admin pages: cached validation per file set, report, diff, outcomes."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from zi_dashboard import config, store
from zi_dashboard.domain.errors import StoreBusyError
from zi_dashboard.domain.schema import DATASETS, normalize_header
from zi_dashboard.i18n import format_date, format_number, t
from zi_dashboard.ingest import mapping
from zi_dashboard.ingest.reader import ReadOptions
from zi_dashboard.ingest.report import Report
from zi_dashboard.ingest.report_workbook import report_workbook
from zi_dashboard.ingest.sources import SourceFile, combined_sha256
from zi_dashboard.ingest.template import template_workbook
from zi_dashboard.ingest.validate import ValidationResult
from zi_dashboard.present import admin_tables
from zi_dashboard.present.text import markdown_text
from zi_dashboard.store import importer, scoped, versions
from zi_dashboard.store.diff import Diff, diff_tables
from zi_dashboard.ui.admin import admin_name
from zi_dashboard.ui.cards import kpi_row
from zi_dashboard.ui.data import (
    clear_data_caches,
    current_snapshot,
    get_engine,
    get_settings,
    snapshot_for,
)
from zi_dashboard.ui.page import current_zone, scope_text
from zi_dashboard.ui.session import current_principal

__all__ = ["FILE_TYPES", "commit_upload", "files_hidden", "flash", "is_committed", "max_upload_mb",
           "render_diff", "render_mapping", "render_report", "same_version", "scope_note",
           "show_flash", "show_version_diff", "source_files", "template_bytes", "validation_for",
           "version_diff", "version_files"]

# What the file chooser offers; the reader still judges every file by its content.
FILE_TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "tsv"]
_VALIDATION = "unggah.validation"
_FLASH = "admin.flash"
_UPLOAD_IDS = "unggah.upload_ids"  # the widget's ids of the file set shown on this run
_COMMITTED = "unggah.committed"    # ... and of the set last saved
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_MAPPINGS = "upload.mappings"      # (file set, {header key: column}) the admin applied
_MAP_FOR = "upload.map_for"        # the file set the mapping selectboxes were drawn for


@st.cache_data(show_spinner=False, max_entries=4)
def template_bytes(lang: str) -> bytes:
    """The Excel template in `lang`, built once per language."""
    return template_workbook(lang)


def max_upload_mb() -> int:
    """The per-file limit of the upload widget, from settings.max_upload_bytes."""
    return max(1, -(-get_settings().max_upload_bytes // config.MB))


def source_files(uploads: Sequence) -> list[SourceFile]:
    """The uploaded files as SourceFile (name and bytes)."""
    st.session_state[_UPLOAD_IDS] = tuple(getattr(u, "file_id", u.name) for u in uploads)
    return [SourceFile.from_upload(u) for u in uploads]


def is_committed(uploads: Sequence) -> bool:
    """True while the uploader still holds the very uploads that were just saved."""
    ids = tuple(getattr(u, "file_id", u.name) for u in uploads)
    return st.session_state.get(_COMMITTED) == ids


def _files_key(files: Sequence[SourceFile]) -> tuple:
    return combined_sha256(files), tuple(f.name for f in files)


def _chosen(files: Sequence[SourceFile]) -> dict[str, str]:
    """The mappings the admin applied to this file set (none for another one)."""
    saved = st.session_state.get(_MAPPINGS)
    return dict(saved[1]) if saved and saved[0] == _files_key(files) else {}


def validation_for(files: Sequence[SourceFile], lang: str, skip_hidden: bool = False
                   ) -> tuple[ValidationResult, Diff]:
    """Validate once per file set, read options, current version and scope (kept in the
    session), with a status box; stored and applied column mappings are used and listed in the
    report. A scoped admin's diff compares its scope's rows only: the session's snapshot is
    already cut to the scope, and the upload may hold nothing else."""
    current, principal = current_snapshot(), current_principal()
    stored, chosen = store.load_mappings(get_engine()), _chosen(files)
    mappings = {**stored, **chosen}
    key = (*_files_key(files), current.version.id if current.version else None, skip_hidden,
           tuple(sorted(mappings.items())), principal.cache_key())
    cached = st.session_state.get(_VALIDATION)
    if cached and cached[0] == key:
        return cached[1], cached[2]
    with st.status(t("unggah.reading", lang, n=len(files)), expanded=False) as status:
        for f in files:
            status.markdown(admin_tables.escape_markdown(t(
                "unggah.read_file", lang, name=f.name, size=admin_tables.shown_size(f.size, lang))))
        result, base = importer.validate_on_current(get_engine(), files, get_settings(),
                                                    ReadOptions(skip_hidden, mappings), principal)
        origins = {**{k: "stored" for k in stored}, **{k: "chosen" for k in chosen}}
        result.report.issues.extend(mapping.applied_issues(result.layouts, origins))
        diff = diff_tables(current.tables, result.tables)
        report = result.report
        status.update(label=t("unggah.checked", lang, errors=len(report.errors),
                              warnings=len(report.warnings)),
                      state="error" if report.errors else "complete")
    if report.errors:  # audited once per file set: the refusal happens here, not at commit
        importer.record_refusal(get_engine(), files, report, admin_name())
    # The version the check read, not the one this run showed: a commit may land in between.
    st.session_state[_VALIDATION] = (key, result, diff, ReadOptions(skip_hidden, mappings), base)
    return result, diff


def _validated(result: ValidationResult) -> tuple[object, ReadOptions | None]:
    """The version a cached validation was checked against, and its read options (unknown: a
    scoped commit checks the files again)."""
    cached = st.session_state.get(_VALIDATION)
    if cached and cached[1] is result:
        return cached[4], cached[3]
    return versions.ANY_BASE, None


def scope_note(lang: str) -> None:
    """For a scoped admin: what the upload may hold and what the new version keeps."""
    principal = current_principal()
    if not principal.scoped:
        return
    snapshot = current_snapshot()
    scope = admin_tables.escape_markdown(scope_text(principal, snapshot.tables["units"]))
    version = snapshot.version
    st.info(t("scope.upload_note", lang, scope=scope, version=version.id) if version else
            t("scope.upload_note_first", lang, scope=scope), icon=":material/filter_alt:")


def same_version(files: Sequence[SourceFile], result: ValidationResult) -> store.Version | None:
    """The stored version this upload would duplicate (for a scoped admin: the same files over
    the same current version and scope), if any."""
    principal, (base, _) = current_principal(), _validated(result)
    stored = scoped.stored_files(files, principal, None if base is versions.ANY_BASE else base,
                                 list(result.tables))
    return admin_tables.matching_version(store.list_versions(get_engine()), stored)


def render_report(files: Sequence[SourceFile], result: ValidationResult, lang: str) -> None:
    """The report: counts, severity and text filters, the table, the sheets read, the download."""
    report: Report = result.report
    if not report.issues:
        st.success(t("unggah.report_clean", lang,
                     rows=format_number(sum(result.counts().values()), lang)),
                   icon=":material/check_circle:")
    else:
        left, right = st.columns([2, 3])
        counts = {s: sum(1 for i in report.issues if i.severity == s)
                  for s in admin_tables.SEVERITIES}
        shown = left.pills(t("unggah.filter_severity", lang), list(admin_tables.SEVERITIES),
                           selection_mode="multi", default=list(admin_tables.SEVERITIES),
                           format_func=lambda s: f"{t(f'unggah.severity.{s}', lang)} ({counts[s]})",
                           key="unggah.severity")
        query = right.text_input(t("unggah.filter_text", lang), key="unggah.query",
                                 placeholder=t("unggah.filter_placeholder", lang))
        table = admin_tables.report_table(report, lang, shown, query)
        st.caption(t("unggah.filtered", lang, shown=format_number(len(table), lang),
                     total=format_number(len(report.issues), lang)))
        st.dataframe(table, hide_index=True, width="stretch", key="unggah.report_table")
    with st.expander(t("unggah.sheets_title", lang), icon=":material/table_view:"):
        st.dataframe(admin_tables.sheets_table(report, lang), hide_index=True, width="stretch")
    if report.issues:
        st.download_button(t("unggah.download_report", lang),
                           lambda: report_workbook(files, report, lang),
                           file_name="laporan_validasi.xlsx" if lang == "id" else
                           "validation_report.xlsx", mime=_XLSX, key="unggah.report_download",
                           icon=":material/download:", on_click="ignore")


def _column_label(dataset: str, column: str, lang: str) -> str:
    if not column:
        return t("upload.map_ignore", lang)
    return DATASETS[dataset].column(column).label(lang)


def render_mapping(files: Sequence[SourceFile], result: ValidationResult, lang: str) -> None:
    """Every unrecognised or mapped column: samples, a suggested target, a selectbox each, and
    the button that validates again with the choices."""
    columns = mapping.mapping_columns(result.layouts)
    if not columns:
        return
    drawn = (_files_key(files), tuple((c.file, c.sheet, c.header) for c in columns))
    if st.session_state.get(_MAP_FOR) != drawn:  # other files or columns: fresh choices
        for name in [k for k in st.session_state if str(k).startswith("upload.map.")]:
            del st.session_state[name]
        st.session_state[_MAP_FOR] = drawn
    st.subheader(t("upload.map_title", lang))
    st.caption(t("upload.map_intro", lang))
    with st.form("upload.map_form", border=True):
        for n, col in enumerate(columns):
            choices = col.choices()
            best = col.suggestion
            current = col.mapped if col.mapped is not None else best.column if best else ""
            # Headers and sheet names come from the file: inert, not markdown.
            st.selectbox(t("upload.map_label", lang,
                           header=admin_tables.escape_markdown(col.header),
                           sheet=admin_tables.escape_markdown(col.sheet),
                           dataset=DATASETS[col.dataset].label(lang)), choices,
                         index=choices.index(current) if current in choices else 0,
                         format_func=lambda c, d=col.dataset: _column_label(d, c, lang),
                         key=f"upload.map.{n}")
            # Cells from the file: plain text on one line, never markup, a line break or a link
            # (an e-mail would be a mailto link and an extra Tab stop in the form).
            samples = "; ".join(markdown_text(v) for v in col.samples)
            hint = (t("upload.map_suggested", lang, column=_column_label(col.dataset, best.column,
                                                                           lang),
                      reasons=best.explain(lang)) if best else t("upload.map_no_suggestion", lang))
            st.caption((t("upload.map_samples", lang, samples=samples) if samples
                        else t("upload.map_no_samples", lang)) + "  \n" + hint)
        applied = st.form_submit_button(t("upload.map_apply", lang), icon=":material/rule:",
                                        key="upload.map_apply")
    if applied:
        stored = store.load_mappings(get_engine())
        picked = {col.key: st.session_state[f"upload.map.{n}"] for n, col in enumerate(columns)}
        # A choice equal to the stored mapping is no new mapping (and undoes an earlier one).
        chosen = {k: v for k, v in {**_chosen(files), **picked}.items()
                  if stored.get(k) != v}
        st.session_state[_MAPPINGS] = (_files_key(files), chosen)
        st.session_state.pop(_VALIDATION, None)
        st.rerun()


def _save_chosen(files: Sequence[SourceFile], result: ValidationResult) -> None:
    """Store the mappings applied to this upload, so the next upload reads the same way."""
    chosen = _chosen(files)
    if not chosen:
        return
    written = {normalize_header(h): (h, raw.dataset or raw.candidate)
               for raw in result.layouts for h in raw.mapped}
    store.save_mappings(get_engine(), chosen, created_by=admin_name(),
                        headers={k: written.get(k, (k, None))[0] for k in chosen},
                        datasets={k: written.get(k, (k, None))[1] for k in chosen})
    st.session_state.pop(_MAPPINGS, None)


def render_diff(diff: Diff, lang: str) -> None:
    """Counts first (metric cards), then one tab per kind of change."""
    cards = admin_tables.diff_cards(diff, lang)
    kpi_row(cards[:4])
    kpi_row(cards[4:])
    if diff.is_empty:
        st.info(t("unggah.diff.none", lang), icon=":material/info:")
        return
    sections = admin_tables.diff_sections(diff, lang)
    for tab, (_, frame) in zip(st.tabs([label for label, _ in sections]), sections, strict=True):
        with tab:
            if frame.empty:
                st.caption(t("unggah.diff.empty_tab", lang))
            else:
                st.dataframe(frame, hide_index=True, width="stretch")


def commit_upload(files: Sequence[SourceFile], result: ValidationResult, note: str,
                  lang: str) -> None:
    """Store the validated upload as a version, clear caches, and rerun with the outcome shown."""
    validated_on, options = _validated(result)
    try:
        with st.spinner(t("unggah.saving", lang)):
            outcome = importer.import_sources(get_engine(), files, get_settings(),
                                              uploader=admin_name(), note=note.strip(),
                                              validation=result, options=options,
                                              principal=current_principal(),
                                              validated_on=validated_on)
    except StoreBusyError:  # nothing stored: the files and their check stay for another try
        st.session_state[_FLASH] = ("error", t("store.busy", lang), None)
        st.rerun()
    if outcome.commit is not None:
        _save_chosen(files, result)
    if outcome.commit is None:
        st.session_state[_FLASH] = ("error", t("unggah.refused", lang), None)
    elif outcome.commit.created:
        clear_data_caches()
        st.session_state[_FLASH] = ("success", t("unggah.committed", lang,
                                                 version=outcome.commit.version.id),
                                    "pages/ringkasan.py")
    else:
        version = outcome.commit.version
        text = t("unggah.identical", lang, version=version.id,
                 date=format_date(version.created_at, lang, current_zone()))
        if not version.is_current:
            text += " " + t("unggah.identical_inactive", lang, version=version.id)
        st.session_state[_FLASH] = ("info", text, "pages/riwayat_data.py")
    if outcome.commit is not None:  # don't check the saved files again on the rerun
        st.session_state[_COMMITTED] = st.session_state.get(_UPLOAD_IDS)
    st.session_state.pop(_VALIDATION, None)
    st.rerun()


def show_flash(lang: str) -> None:
    """The message a commit or rollback left before its rerun, with a link onwards."""
    flash = st.session_state.pop(_FLASH, None)
    if not flash:
        return
    kind, text, link = flash
    getattr(st, kind)(text, icon={"success": ":material/check_circle:", "info": ":material/info:",
                                  "error": ":material/block:"}[kind])
    if link:
        key = "unggah.to_ringkasan" if link.endswith("ringkasan.py") else "unggah.to_riwayat"
        st.page_link(link, label=t(key, lang), icon=":material/arrow_forward:")


def flash(kind: str, text: str) -> None:
    """Leave a message for the next run (after st.rerun)."""
    st.session_state[_FLASH] = (kind, text, None)


def version_diff(a: int, b: int) -> Diff:
    """What changed from version `a` to version `b` (snapshots come from the cache)."""
    return diff_tables(snapshot_for(a).tables, snapshot_for(b).tables)


def show_version_diff(a: int, b: int, lang: str) -> None:
    """The diff from version `a` to `b`, or a note that one version was picked twice."""
    if a == b:
        st.info(t("riwayat.diff_same", lang), icon=":material/info:")
    else:
        render_diff(version_diff(a, b), lang)


@st.cache_data(show_spinner=False, max_entries=2)
def _files_of(url: str, version_id: int) -> list[SourceFile]:
    # A version's files never change: safe to keep per (database, version).
    return store.version_files(get_engine(), version_id)


def files_hidden() -> bool:
    """True for a scoped session: a version's original files hold other scopes' rows too."""
    return current_principal().scoped


def version_files(version_id: int) -> list[SourceFile]:
    """The original files of a version, loaded once per version; none for a scoped session."""
    if files_hidden():
        return []
    return _files_of(get_settings().database_url, version_id)
