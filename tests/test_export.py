"""Image export through kaleido/Chromium, the formula guard, and the XLSX/CSV data exports."""

from __future__ import annotations

import io
import os
import threading

import openpyxl
import pandas as pd
import plotly.graph_objects as go
import pytest

from zi_dashboard.exports.images import ImageExporter, ImageExportError, figure_height, png_size
from zi_dashboard.exports.sheets import neutralize, to_csv, to_xlsx

CHROMIUM = os.environ.get("BROWSER_PATH", "/usr/bin/chromium")


def _bar(title: str = "Agen ≥ 75 – é", height: int | None = None) -> go.Figure:
    fig = go.Figure(go.Bar(x=["Sekretariat Jenderal", "Inspektorat Jenderal"], y=[40, 16]))
    return fig.update_layout(title_text=title, height=height)


# --- images -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("width", "height", "scale", "expected"), [
    (400, 300, 2, (800, 600)),
    (1200, None, 2, (2400, 900)),  # the figure's own height: 450
    (500, 200, 1, (500, 200)),
])
def test_png_is_a_png_of_the_expected_size(exporter, width, height, scale, expected):
    data = exporter.to_png(_bar(height=450), width=width, height=height, scale=scale)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert png_size(data) == expected


def test_svg_is_svg(exporter):
    data = exporter.to_svg(_bar(), width=600, height=400)
    assert data.lstrip().startswith(b"<svg")
    assert b'width="600"' in data


def test_batch_keeps_order_sizes_and_reports_progress(exporter):
    figs = [_bar(height=h) for h in (300, 500, 400)]
    calls = []
    images = exporter.to_images(figs, "png", width=300, scale=1,
                                progress=lambda done, total: calls.append((done, total)))
    assert [png_size(i) for i in images] == [(300, 300), (300, 500), (300, 400)]
    # After each batch (one figure per tab): done grows by at most the tabs, up to all three.
    assert calls[-1] == (3, 3) and all(total == 3 for _, total in calls)
    steps = [b - a for (a, _), (b, _) in zip([(0, 3), *calls], calls, strict=False)]
    assert all(0 < step <= exporter.tabs for step in steps), calls


def test_a_png_asked_for_during_a_pack_waits_for_one_batch_not_the_pack(exporter):
    # Issue 11: a pack build must not hold the exporter for its whole length. The PNG asked for
    # once the pack's first batch is out gets its turn before the pack's last batch.
    order, started = [], threading.Event()

    def pack() -> None:
        exporter.to_images([_bar() for _ in range(8)], width=200, scale=1,
                           progress=lambda done, total: started.set())
        order.append("pack")

    thread = threading.Thread(target=pack)
    thread.start()
    assert started.wait(120)
    exporter.to_png(_bar(), width=200, height=100, scale=1)
    order.append("png")
    thread.join(300)
    assert order == ["png", "pack"]


def test_batch_accepts_one_height_per_figure(exporter):
    images = exporter.to_images([_bar(), _bar()], width=200, height=[100, 150], scale=1)
    assert [png_size(i) for i in images] == [(200, 100), (200, 150)]


def test_a_closed_exporter_starts_again(exporter):
    exporter.close()
    assert png_size(exporter.to_png(_bar(), width=200, height=100, scale=1)) == (200, 100)


def test_unknown_format_is_refused(exporter):
    with pytest.raises(ValueError, match="unsupported"):
        exporter.to_images([_bar()], "bmp")


def test_no_figures_need_no_browser(tmp_path):
    assert ImageExporter(str(tmp_path / "no-chromium")).to_images([]) == []


def test_without_chromium_the_exporter_says_why_in_both_languages(tmp_path):
    missing = str(tmp_path / "no-chromium")
    exporter = ImageExporter(missing)
    assert not exporter.available()
    assert "tidak ditemukan" in exporter.unavailable_message("id")
    assert "not found" in exporter.unavailable_message("en")
    assert missing in exporter.unavailable_reason
    assert "tidak ditemukan" in exporter.unavailable_reason
    assert "not found" in exporter.unavailable_reason
    with pytest.raises(ImageExportError):
        exporter.to_png(_bar())
    exporter.close()  # closing an exporter that never started is fine


def test_a_browser_that_cannot_start_makes_the_exporter_unavailable(tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    exporter = ImageExporter(str(fake))
    assert exporter.available()
    with pytest.raises(ImageExportError):
        exporter.to_png(_bar())
    assert not exporter.available()
    assert "failed to start" in exporter.unavailable_message("en")


@pytest.mark.parametrize(("fig", "expected"), [
    (go.Figure(layout={"height": 420}), 420),
    (go.Figure(), 600),
    ({"data": [], "layout": {"height": 333}}, 333),
    ({"data": []}, 600),
])
def test_figure_height(fig, expected):
    assert figure_height(fig) == expected


def test_png_size_refuses_what_is_not_a_png():
    with pytest.raises(ValueError):
        png_size(b"<svg></svg>")


# --- formula guard ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"),
    ("+62 812 3456", "'+62 812 3456"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=cmd", "'\t=cmd"),
    ("\r=cmd", "'\r=cmd"),
    ("Andi Sanjaya, S.E.", "Andi Sanjaya, S.E."),
    ("a=b", "a=b"),
    ("", ""),
    (5, 5),
    (-5, -5),
    (None, None),
])
def test_neutralize(value, expected):
    assert neutralize(value) == expected


# --- XLSX ---------------------------------------------------------------------------------------

@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "name": ["=1+1", "+62 812", "Balai Besar Rehabilitasi Sosial Bandung", None],
        "agents": pd.array([1, 2000, None, 4], dtype="Int64"),
        "lke_score": [75.5, 80.25, None, 90.0],
        "share": [0.1, 0.25, None, 1.0],
        "progress_pct": [10.0, 55.5, 100.0, None],
        "due_date": pd.to_datetime(["2020-08-04", None, "2020-12-31", "2021-01-15"]),
        "active": [True, False, True, False],
    })


def _sheet(data: bytes, name: str | None = None):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return book, book[name] if name else book.worksheets[0]


def test_xlsx_header_frozen_filtered_and_fitted(frame):
    book, ws = _sheet(to_xlsx({"Agen": frame}, title="Agen perubahan"))
    assert book.sheetnames == ["Agen"]
    assert book.properties.title == "Agen perubahan"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G5"
    assert [c.value for c in ws[1]] == list(frame.columns)
    assert all(c.font.b for c in ws[1])
    assert ws["A1"].fill.fgColor.rgb.endswith("DCE6F1")
    # The long unit name widens its column; a short header keeps a narrow one.
    assert ws.column_dimensions["A"].width > 30
    assert ws.column_dimensions["G"].width < 15


@pytest.mark.parametrize(("cell", "value", "number_format"), [
    ("B3", 2000, "#,##0"),
    ("C3", 80.25, "#,##0.00"),
    ("D3", 0.25, "0.0%"),
    ("E3", 55.5, "0.0"),
    ("F2", pd.Timestamp("2020-08-04").to_pydatetime(), "dd/mm/yyyy"),
    ("G2", True, "General"),
])
def test_xlsx_number_formats(frame, cell, value, number_format):
    _, ws = _sheet(to_xlsx({"Agen": frame}))
    assert ws[cell].value == value
    assert ws[cell].number_format == number_format


def test_xlsx_keeps_missing_values_empty(frame):
    _, ws = _sheet(to_xlsx({"Agen": frame}))
    assert ws["B4"].value is None and ws["F3"].value is None and ws["A5"].value is None


def test_xlsx_formula_like_text_stays_text(frame):
    _, ws = _sheet(to_xlsx({"Agen": frame}))
    for ref, text in (("A2", "=1+1"), ("A3", "+62 812")):
        assert ws[ref].value == text  # shown as typed
        assert ws[ref].data_type == "s"  # a string, never a formula
        assert ws[ref].quotePrefix  # and it stays text when edited in Excel


def test_xlsx_formats_can_be_given_per_column(frame):
    _, ws = _sheet(to_xlsx({"Agen": frame}, formats={"lke_score": "0.0"}))
    assert ws["C3"].number_format == "0.0"


def test_xlsx_sheet_names_are_valid_and_unique(frame):
    book, _ = _sheet(to_xlsx({"a/b:c": frame, "A/B:C": frame, "x" * 40: frame.iloc[:0]}))
    assert book.sheetnames[0] == "a_b_c"
    assert book.sheetnames[1].lower() != book.sheetnames[0].lower()
    assert len(book.sheetnames[2]) <= 31
    assert [c.value for c in book.worksheets[2][1]] == list(frame.columns)  # header only


@pytest.mark.parametrize(("lang", "message"), [("id", "Tidak ada data"), ("en", "No data")])
def test_xlsx_without_frames_says_so(lang, message):
    _, ws = _sheet(to_xlsx({}, lang=lang))
    assert ws["A1"].value.startswith(message)


def test_xlsx_drops_characters_xml_cannot_hold():
    _, ws = _sheet(to_xlsx({"x": pd.DataFrame({"text": ["a\x00b\x07c"]})}))
    assert ws["A2"].value == "abc"


# --- CSV ----------------------------------------------------------------------------------------

def test_csv_has_a_bom_and_reads_back(frame):
    data = to_csv(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == list(frame.columns)
    assert back["name"].tolist()[:3] == ["'=1+1", "'+62 812",
                                         "Balai Besar Rehabilitasi Sosial Bandung"]
    assert back["lke_score"].tolist()[:2] == [75.5, 80.25]
    assert back["due_date"].tolist()[0] == "2020-08-04"


def test_csv_keeps_accents_and_negative_numbers():
    data = to_csv(pd.DataFrame({"nama": ["Sé", "-x"], "delta": [-3, 2]}))
    # Text that looks like a formula is guarded; numbers (even negative) are left alone.
    assert data.decode("utf-8-sig").splitlines() == ["nama,delta", "Sé,-3", "'-x,2"]


def test_browser_comes_from_the_setting_then_from_path(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert ImageExporter().browser_path == str(fake)
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "missing"))
    monkeypatch.setenv("PATH", str(fake.parent))
    assert ImageExporter().browser_path == str(fake)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    exporter = ImageExporter()
    assert not exporter.available()
    assert str(tmp_path / "missing") in exporter.unavailable_message("en")
