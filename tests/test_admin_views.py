"""Display frames of the admin pages: report filters, blocking text, diff cards, versions, log."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.workbooks import BASE, NIP_L3, NIP_P3, changed, source
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.sources import SourceFile, combined_sha256
from zi_dashboard.ingest.validate import validate_sources
from zi_dashboard.present import admin_tables as av
from zi_dashboard.store import Version
from zi_dashboard.store.diff import diff_tables

ISSUES = [
    Issue("warning", "email_invalid", "a.xlsx", "Agen", 4, "Email", "andi@"),
    Issue("error", "nip_invalid_length", "a.xlsx", "Agen", 7, "NIP", "12345", {"length": 5}),
    Issue("warning", "nip_pppk", "b.csv", "b", 2, "NIP", "19860926 202113 1 001", {"month": 13}),
    Issue("error", "unit_unknown", "b.csv", "b", 9, "Unit Kerja", "Biro Umun",
          {"suggestions": ["Biro Umum"]}),
]


def _tables(sheets) -> dict[str, pd.DataFrame]:
    result = validate_sources([source("x.xlsx", sheets)])
    assert result.report.ok, result.report.errors
    return result.tables


@pytest.mark.parametrize(("severities", "query", "expected"), [
    (None, "", [("error", 7), ("error", 9), ("warning", 4), ("warning", 2)]),
    (["error"], "", [("error", 7), ("error", 9)]),
    (["warning"], "", [("warning", 4), ("warning", 2)]),
    ([], "", []),
    (None, "b.csv", [("error", 9), ("warning", 2)]),
    (None, "BIRO umun", [("error", 9)]),          # case-insensitive, every word must match
    (None, "12345 nip", [("error", 7)]),
    (["warning"], "umun", []),
])
def test_report_table_errors_first_and_filtered(severities, query, expected):
    frame = av.report_table(Report(ISSUES), "en", severities, query)
    assert list(frame.columns) == ["Severity", "File", "Sheet", "Row", "Column", "Code", "Message",
                                   "Value"]
    labels = {"error": "Error", "warning": "Warning"}
    assert list(zip(frame["Severity"], frame["Row"].astype(int))) == [
        (labels[s], r) for s, r in expected]


def test_report_table_in_indonesian_labels_severity_and_headers():
    frame = av.report_table(Report(ISSUES), "id")
    assert list(frame.columns)[:4] == ["Tingkat", "Berkas", "Sheet", "Baris"]
    assert frame["Tingkat"].tolist() == ["Kesalahan", "Kesalahan", "Peringatan", "Peringatan"]
    assert frame["Pesan"].iloc[0] == ISSUES[1].message("id")


@pytest.mark.parametrize(("issues", "state"), [
    ([], "ready"),
    ([ISSUES[0]], "confirm"),
    ([ISSUES[0], ISSUES[2]], "confirm"),
    ([ISSUES[1]], "blocked"),
    (ISSUES, "blocked"),
])
def test_commit_state(issues, state):
    assert av.commit_state(Report(issues)) == state


def test_blocking_summary_counts_errors_and_names_the_first_rows():
    errors = [Issue("error", "nip_invalid_length", "roster.xlsx", "Agen", row, "NIP", "1",
                    {"length": 1}) for row in (5, 8, 13, 21, 34)]
    text = av.blocking_summary(Report([ISSUES[0], *errors]), "en", limit=3)
    assert "5 error(s)" in text
    assert "Agen row 5 · NIP" in text and "Agen row 13" in text and "row 21" not in text
    assert "and 2 more" in text
    assert "more" not in av.blocking_summary(Report(errors[:1]), "en")


def test_issue_location_without_a_row_names_file_and_sheet():
    issue = Issue("error", "missing_column", "a.xlsx", "Agen", None, None, None,
                  {"dataset": "agents", "field": "nip", "accepted": ["NIP"]})
    assert av.issue_location(issue, "id").startswith("a.xlsx · Agen: ")
    assert av.issue_location(Issue("error", "file_corrupt", "c.xlsx"), "id").startswith("c.xlsx: ")


def test_diff_cards_and_sections_of_added_moved_and_changed_rows():
    old = _tables(BASE)
    new = _tables(changed([
        ("Agen", 5, "NIP", NIP_L3), ("Agen", 5, "Nama", "Ahmad Fauzi"),
        ("Agen", 5, "Unit Kerja", "Biro Hukum"),
        ("Agen", 6, "NIP", NIP_P3), ("Agen", 6, "Nama", "Nur Aisyah"),
        ("Agen", 6, "Unit Kerja", "Biro Umum"),
        ("Agen", 3, "Unit Kerja", "Biro Umum"),                  # Rina moves
        ("Agen", 2, "Kehadiran", "Virtual"),                     # Andi: in person → virtual
        ("Unit", 2, "Tahap ZI", "WBK"), ("Unit", 3, "Nilai LKE", "90"),
    ]))
    diff = diff_tables(old, new)
    cards = {c["label"]: (c["value"], c["delta"]) for c in av.diff_cards(diff, "en")}
    assert cards["Agents of change"] == ("5", "+2")
    assert cards["Agents added"] == ("2", None)
    assert cards["Moved unit"] == ("1", None)
    assert cards["Attendance changed"] == ("1", None)
    assert cards["ZI stage changed"] == ("1", None)
    assert cards["LKE score changed"] == ("1", None)
    sections = dict(av.diff_sections(diff, "en"))
    assert list(sections) == ["Agents added (2)", "Agents removed (0)", "Moved unit (1)",
                              "Attendance changed (1)", "ZI stage changed (1)",
                              "LKE score changed (1)"]
    assert sorted(sections["Agents added (2)"]["Name"]) == ["Ahmad Fauzi", "Nur Aisyah"]
    moved = sections["Moved unit (1)"].iloc[0]
    assert (moved["Name"], moved["Previous unit"], moved["New unit"]) == (
        "Rina Kartika", "Biro Hukum", "Biro Umum")
    assert sections["Attendance changed (1)"].iloc[0][["Before", "After"]].tolist() == [
        "In person", "Virtual"]
    stage = sections["ZI stage changed (1)"].iloc[0]
    assert (stage["Before"], stage["After"]) == ("Development", "WBK")
    score = sections["LKE score changed (1)"].iloc[0]
    assert (score["Before"], score["After"], score["Change"]) == (81.25, 90.0, 8.75)


def test_diff_of_a_removal_counts_down_and_shows_unit_removals_only_when_any():
    old = _tables(BASE)
    fewer = {name: rows[:] for name, rows in BASE.items()}
    fewer["Agen"] = BASE["Agen"][:3]
    fewer["Kehadiran"] = BASE["Kehadiran"][:3]
    diff = diff_tables(old, _tables(fewer))
    cards = {c["label"]: (c["value"], c["delta"]) for c in av.diff_cards(diff, "id")}
    assert cards["Agen perubahan"] == ("2", "−1")
    assert cards["Agen keluar"] == ("1", None)
    labels = [label for label, _ in av.diff_sections(diff, "id")]
    assert "Agen keluar (1)" in labels and not any(label.startswith("Unit") for label in labels)


def test_upload_scope_names_the_datasets_of_a_partial_upload():
    tables = _tables(BASE)
    assert av.upload_scope(tables, "id") is None
    agents_only = {k: tables[k] for k in ("agents", "attendance")}
    assert av.upload_scope(agents_only, "en") == "Agents of change, Attendance"
    assert av.upload_scope({}, "id") is None


def _version(vid: int, sha: str, current: bool = False) -> Version:
    return Version(vid, dt.datetime(2020, 8, 4, 9, 30, tzinfo=dt.timezone.utc), "admin",
                   f"catatan {vid}", ["a.xlsx"],
                   sha, {"units": 81, "agents": 265 + vid}, current)


def test_matching_version_by_combined_content_hash():
    files = [SourceFile("a.xlsx", b"one"), SourceFile("b.csv", b"two")]
    renamed = [SourceFile("z.csv", b"two"), SourceFile("y.xlsx", b"one")]
    versions = [_version(3, "f" * 64), _version(2, combined_sha256(files)), _version(1, "0" * 64)]
    assert av.matching_version(versions, renamed).id == 2
    assert av.matching_version(versions, [SourceFile("a.xlsx", b"one!")]) is None
    assert av.matching_version(versions, []) is None


def test_versions_table_marks_the_current_version_and_counts_rows():
    frame = av.versions_table([_version(2, "ab" * 32, current=True), _version(1, "cd" * 32)], "id")
    assert frame["Versi"].tolist() == [2, 1]
    assert frame["Aktif"].tolist() == ["✔ aktif", ""]
    assert frame["SHA-256"].tolist() == ["ab" * 6, "cd" * 6]
    assert frame["Agen perubahan"].tolist() == [267, 266]
    assert frame["Unit kerja"].tolist() == [81, 81]
    assert frame["Kehadiran"].tolist() == [0, 0]
    assert frame["Catatan"].tolist() == ["catatan 2", "catatan 1"]


def test_version_label_is_the_same_whether_current_or_not():
    assert av.version_label(_version(2, "a", current=True), "en") == (
        "Version 2 · 4 August 2020 · admin")
    assert av.version_label(_version(1, "a"), "id") == "Versi 1 · 4 Agustus 2020 · admin"


def test_events_table_words_for_known_kinds():
    events = pd.DataFrame({"time": pd.to_datetime(["2020-08-04 10:00", "2020-08-04 09:00"],
                                                  utc=True),
                           "kind": ["rollback", "something_new"], "actor": ["admin", "admin"],
                           "detail": ["2 -> 1", ""],
                           "version_id": pd.array([1, None], dtype="Int64")})
    frame = av.events_table(events, "en", "Asia/Makassar")
    assert list(frame.columns) == ["Time (WITA)", "Event", "Actor", "Detail", "Version"]
    assert frame["Event"].tolist() == ["Rollback", "something_new"]


@pytest.mark.parametrize(("size", "lang", "text"), [
    (512, "id", "512 B"),
    (35 * 1024, "id", "35 kB"),
    (int(1.25 * 1024 * 1024), "id", "1,2 MB"),
    (int(1.25 * 1024 * 1024), "en", "1.2 MB"),
])
def test_shown_size(size, lang, text):
    assert av.shown_size(size, lang) == text


WJ = "\u2060"  # the word joiner that breaks autolinks and :icons: (present.text)


@pytest.mark.parametrize(("text", "escaped"), [
    ("[klik](javascript:alert(1))", r"\[klik\]\(javascript\:" + WJ + r"alert\(1\)\)"),
    ("baris 1\nbaris 2", "baris 1  \nbaris 2"),
    ("surat admin@kemensos.go.id", "surat admin" + WJ + r"@kemensos\.go\.id"),
    ("**tebal** _miring_", r"\*\*tebal\*\* \_miring\_"),
    (":red[merah] $x$", r"\:" + WJ + r"red\[merah\] \$x\$"),
    ("<b>x</b>", r"\<b\>x\</b\>"),
    ("Biro Umum", "Biro Umum"),
])
def test_escape_markdown(text, escaped):
    assert av.escape_markdown(text) == escaped


def test_blocking_summary_lists_a_missing_column_first_and_says_a_mapping_fixes_it():
    nip = Issue("error", "nip_invalid_length", "roster.xlsx", "Agen", 5, "NIP", "1",
                {"length": 1})
    missing = Issue("error", "missing_column", "roster.xlsx", "Unit", 1,
                    params={"dataset": "units", "field": "eselon1", "accepted": ["Eselon I"]})
    text = av.blocking_summary(Report([nip, missing]), "en")
    assert text.startswith("The data cannot be saved yet: 2 error(s) must be fixed. The first:\n- "
                           "roster.xlsx · Unit row 1 · –: ")
    assert text.index("Unit row 1") < text.index("Agen row 5")
    assert text.endswith("A required column that was not found can be mapped under "
                         "*Unrecognised columns* above, without uploading again.")
    assert "mapped" not in av.blocking_summary(Report([nip]), "en")
