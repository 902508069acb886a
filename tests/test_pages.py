"""Every dashboard page through AppTest, in both languages, on the bundled sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ADMIN_PASSWORD

ROOT = Path(__file__).resolve().parent.parent

DASHBOARD_PAGES = [
    ("pages/ringkasan.py", "Ringkasan", "Overview"),
    ("pages/sebaran_agen.py", "Sebaran Agen", "Agent distribution"),
    ("pages/kehadiran.py", "Kehadiran", "Attendance"),
    ("pages/progres_zi.py", "Progres ZI", "ZI progress"),
    ("pages/rencana_tindak_lanjut.py", "Rencana Tindak Lanjut", "Action plans"),
    ("pages/unduh_briefing.py", "Unduh Briefing", "Download briefing"),
]
# A text each page shows in English, and its Indonesian original, that must not appear then.
ENGLISH_CONTENT = {
    "pages/ringkasan.py": ("Agents of change", "Agen perubahan"),
    "pages/sebaran_agen.py": ("Units without agents (0)", "Unit tanpa agen (0)"),
    "pages/kehadiran.py": ("Agents who did not attend (0)", "Agen yang tidak hadir (0)"),
    "pages/progres_zi.py": ("WBK/WBBM requirements per unit", "Uji syarat WBK/WBBM per unit"),
    "pages/rencana_tindak_lanjut.py": ("LKE reform ratios per unit", "Rasio reform LKE per unit"),
    "pages/unduh_briefing.py": ("Pick the sections and a format", "Pilih bagian dan format"),
}
# A chart title each page draws, in English and Indonesian (Unduh Briefing has no chart: its
# build button instead).
CHART_TITLES = {
    "pages/ringkasan.py": ("Agents of change per Echelon I", "Agen perubahan per Eselon I"),
    "pages/sebaran_agen.py": ("Agents of change per work unit", "Agen perubahan per unit kerja"),
    "pages/kehadiran.py": ("Attendance mode per Echelon I", "Mode kehadiran per Eselon I"),
    "pages/progres_zi.py": ("LKE score per work unit", "Nilai LKE per unit kerja"),
    "pages/rencana_tindak_lanjut.py": ("Action plan status", "Status rencana tindak lanjut (RTL)"),
}
BUILD_BUTTON = ("Build the pack", "Buat paket")


def chart_titles(at: AppTest) -> list[str]:
    """The titles of the Plotly charts a run draws, line breaks undone."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return [spec["layout"]["title"]["text"].replace("<br>", " ") for spec in specs]


def shown_text(at: AppTest) -> str:
    """The text of the headings, captions, KPI labels, markdown, buttons and chart titles."""
    parts = [e.value for kind in (at.title, at.subheader, at.caption, at.markdown) for e in kind]
    return "\n".join([*map(str, parts), *(m.label for m in at.metric),
                      *(b.label for b in at.button), *chart_titles(at)])


def run_app(page: str | None = None, *, lang: str = "id", query: dict | None = None,
            password: str | None = None) -> AppTest:
    """The app on `page`; signed in as the bootstrap superadmin when `password` is given."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if lang != "id":
        at.query_params["lang"] = lang
    at.run()
    if password:
        at.text_input(key="auth.password").input(password)
        at.button(key="auth.submit").click().run()
    if page and page != "pages/ringkasan.py":
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("page", "title_id", "title_en"), DASHBOARD_PAGES)
def test_page_renders_in_both_languages(app_env, page, title_id, title_en, lang):
    at = run_app(page, lang=lang)
    assert at.title[0].value == (title_en if lang == "en" else title_id)
    english, indonesian = ENGLISH_CONTENT[page]
    text = shown_text(at)
    if page in CHART_TITLES:
        chart_en, chart_id = CHART_TITLES[page]
        assert (chart_en if lang == "en" else chart_id) in chart_titles(at)
    else:
        chart_en, chart_id = BUILD_BUTTON
        assert at.button(key="briefing.build").label == (chart_en if lang == "en" else chart_id)
    if lang == "en":
        assert at.caption[0].value.startswith("Data as of") and "version 2" in at.caption[0].value
        assert english in text and indonesian not in text
        assert chart_id not in text and title_id not in text  # no Indonesian original left
    else:
        assert at.caption[0].value.startswith("Data per") and "versi 2" in at.caption[0].value
        assert indonesian in text and english not in text
        assert chart_en not in text and title_en not in text


def test_ringkasan_headline_numbers_on_the_sample(app_env):
    at = run_app()
    kpis = metrics(at)
    assert kpis["Agen perubahan"] == ("291", "+26 (+9,8%)")
    assert kpis["Unit kerja"][0] == "81"
    assert kpis["Unit dengan agen"][0] == "81"
    assert kpis["Tatap muka"][0] == "120"
    assert kpis["Virtual"][0] == "171"


def test_ringkasan_in_english_formats_numbers_the_english_way(app_env):
    kpis = metrics(run_app(lang="en"))
    assert kpis["Agents of change"] == ("291", "+26 (+9.8%)")
    assert kpis["In person"][0] == "120"


def test_a_filter_changes_the_numbers_and_lands_in_the_url(app_env):
    at = run_app()
    at.multiselect(key="filters.eselon1").set_value(["Inspektorat Jenderal"]).run()
    kpis = metrics(at)
    assert kpis["Unit kerja"][0] == "5"
    assert int(kpis["Agen perubahan"][0]) < 291
    assert at.query_params["eselon1"] in ("Inspektorat Jenderal", ["Inspektorat Jenderal"])


def test_the_unit_list_follows_the_other_filters_and_keeps_the_chosen_units(app_env):
    at = run_app()
    every = at.multiselect(key="filters.unit").options
    assert len(every) == 81
    at.multiselect(key="filters.unit").set_value([every[0]]).run()  # a unit of another Eselon I
    chosen = at.multiselect(key="filters.unit").value
    at.multiselect(key="filters.eselon1").set_value(["Inspektorat Jenderal"]).run()
    options = at.multiselect(key="filters.unit").options
    # The five units of the Inspektorat (Progres and Ringkasan count them), and the one chosen.
    assert len(options) == 5 + 1 and options[-1] == every[0]
    assert at.multiselect(key="filters.unit").value == chosen
    at.multiselect(key="filters.eselon1").set_value([]).run()
    assert len(at.multiselect(key="filters.unit").options) == 81


def test_query_parameters_restore_the_filters(app_env):
    at = run_app(query={"eselon1": "Inspektorat Jenderal"})
    assert at.multiselect(key="filters.eselon1").value == ["Inspektorat Jenderal"]
    assert metrics(at)["Unit kerja"][0] == "5"


def test_a_stale_filter_value_in_the_url_is_dropped(app_env):
    at = run_app(query={"eselon1": "Tidak Ada Eselon Seperti Ini"})
    assert at.multiselect(key="filters.eselon1").value == []
    assert metrics(at)["Unit kerja"][0] == "81"


def test_clear_filters_button_resets_everything(app_env):
    at = run_app(query={"eselon1": "Inspektorat Jenderal", "stage": "pembangunan"})
    at.button(key="filters.clear").click().run()
    assert at.multiselect(key="filters.eselon1").value == []
    assert metrics(at)["Unit kerja"][0] == "81"


@pytest.mark.parametrize(("lang", "column", "pattern"), [
    ("id", "Minimal yang belum terpenuhi",
     r"^(belum berpredikat WBK|[A-Za-z ]+ (kurang \d+(,\d+)?|belum ada nilai))"
     r"( · ([A-Za-z ]+ (kurang \d+(,\d+)?|belum ada nilai)))*$"),
    ("en", "Minimums missed",
     r"^(no WBK title yet|[A-Za-z ]+ (short by \d+(\.\d+)?|no score))"
     r"( · ([A-Za-z ]+ (short by \d+(\.\d+)?|no score)))*$"),
])
def test_progres_zi_gap_table_is_one_row_per_unit(app_env, lang, column, pattern):
    """Kekurangan menuju WBK: one row per unit, the missed minimums as one cell in the UI's
    language, the points needed ascending (the closest first)."""
    at = run_app("pages/progres_zi.py", lang=lang)
    at.segmented_control(key="progres.rules").set_value("90/2021").run()
    gaps = at.dataframe(key="progres.table.gaps.False").value
    assert list(gaps.columns)[2:] == [column, "Poin kurang" if lang == "id"
                                      else "Points short"]
    assert len(gaps) > 0 and gaps.iloc[:, 0].is_unique
    cells = gaps[column].astype(str)
    assert cells.str.match(pattern).all(), cells[~cells.str.match(pattern)].head().tolist()
    if lang == "en":
        assert not cells.str.contains("kurang").any()
    needed = gaps.iloc[:, 3].dropna()
    assert needed.is_monotonic_increasing and (needed > 0).all()


def test_sebaran_search_narrows_the_agent_table(app_env):
    at = run_app("pages/sebaran_agen.py", password=ADMIN_PASSWORD)
    total = len(at.dataframe[-1].value)
    assert total == 291
    at.text_input(key="sebaran.search").input("Inspektorat").run()
    assert 0 < len(at.dataframe[-1].value) < total


def test_an_empty_database_shows_an_empty_state(tmp_path, monkeypatch):
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("ZI_AUTOLOAD_SAMPLE", "0")
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = run_app()
        assert any("Belum ada data" in i.value for i in at.info)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()


def test_viewers_do_not_see_admin_pages(app_env):
    at = run_app()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/unggah_data.py")
    assert not at.file_uploader


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "superadmin"])
def test_no_page_changes_a_cached_table_in_place(app_env, signed_in):
    # Cached tables are shared by every session of the process (ui/cache.py): a page that
    # assigned into one would change what everyone sees.
    from zi_dashboard.ui import data

    at = run_app(password=ADMIN_PASSWORD if signed_in else None)
    cached = {key: value for key, value in data.cache()._entries.items()}
    assert any(key[0] == "version" for key in cached)
    before = {key: _fingerprint(value[0]) for key, value in cached.items()}
    for page, _, _ in DASHBOARD_PAGES:
        at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
    for key, value in cached.items():
        assert _fingerprint(value[0]) == before[key], key


def _fingerprint(value) -> object:
    import pandas as pd

    tables = value.tables if hasattr(value, "tables") else value
    if isinstance(tables, dict):
        return {name: _fingerprint(frame) for name, frame in tables.items()}
    if isinstance(tables, pd.DataFrame):
        return (tuple(tables.columns), tuple(map(str, tables.dtypes)), len(tables),
                int(pd.util.hash_pandas_object(tables.astype(str), index=True).sum()))
    return repr(tables)[:200]


def test_view_data_sends_its_table_only_while_open(app_env):
    # A chart's numbers (10,000 rows at national scale) are sent only when asked for.
    at = run_app()
    assert [e.key for e in at.expander if e.key] == ["view.ring.eselon1", "view.ring.attendance",
                                                     "view.ring.funnel"]
    assert len(at.dataframe) == 0
    at.session_state["view.ring.eselon1"] = True
    at.run()
    (table,) = at.dataframe
    # Headers in the UI language (present.chart_tables); the values stay numbers.
    assert int(table.value["Jumlah agen"].sum()) == 291  # the sample's agents (DOMAIN: Kemensos 2020)


def test_sebaran_a_picked_treemap_tile_narrows_the_page_to_its_units(app_env):
    at = run_app("pages/sebaran_agen.py", password=ADMIN_PASSWORD)
    total = len(at.dataframe[-1].value)
    # The selection a click on an Eselon I tile sends (charts.treemap_eselon1_unit ids).
    at.session_state["sebaran.treemap"] = {"selection": {"points": [
        {"id": "eselon1:Inspektorat Jenderal"}]}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("ke 5 unit yang dipilih" in box.value for box in at.info)
    agents = at.dataframe[-1].value
    assert 0 < len(agents) < total
    assert set(agents["Eselon I"]) == {"Inspektorat Jenderal"}
