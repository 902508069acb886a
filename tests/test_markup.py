"""Data is text, never markup (issue 10, item 7): names holding Markdown, HTML and formula
payloads stay text in the escapes, in every chart's text, in the captions pages show, and in the
spreadsheets they offer. The browser half is tests/test_browser_markup.py."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from zi_dashboard import charts, store
from zi_dashboard.access import passwords
from zi_dashboard.analysis import action_plans, metrics, whatif
from zi_dashboard.analysis.filters import Filters, apply_filters
from zi_dashboard.analysis.profile import unit_facts
from zi_dashboard.charts import theme
from zi_dashboard.domain import rules
from zi_dashboard.exports import sheets
from zi_dashboard.present import dashboard, profile
from zi_dashboard.present.text import WORD_JOINER, markdown_text, plotly_text
from zi_dashboard.sample.generate import generate_sample
from zi_dashboard.store import users

ROOT = Path(__file__).resolve().parent.parent
WJ = WORD_JOINER
EVIL = "http://evil.example"

# The names a hostile or careless roster could hold; tests/test_browser_markup.py uses them too.
LINK_ESELON1 = f'<a href="{EVIL}">Itjen Tautan</a>'
BOLD_UNIT = "**Biro Tebal**"
LINK_UNIT = f"[Biro Klik]({EVIL})"
FORMULA_UNIT = f'=HYPERLINK("{EVIL}","Biro Rumus")'
EXTRAS_UNIT = ":material/home: Balai www.evil.example $x^2$ :red[Merah] admin@evil.example"
HTML_UNIT = "<b>Balai Tebal</b> <img src=x onerror=alert(1)>"
UNIT_NAMES = (BOLD_UNIT, LINK_UNIT, FORMULA_UNIT, EXTRAS_UNIT, HTML_UNIT)
AGENT_NAME = f"**Agen Tebal** [klik]({EVIL})"
POSITION = f'<a href="{EVIL}">Analis Tautan</a>'
EVENT = f"<b>Lokakarya</b> [Daftar]({EVIL}) **2020**"
PLAN_TITLE = f'=HYPERLINK("{EVIL}","RTL")'
SCOPED_NAME, SCOPED_PASSWORD = "siti", "uji-siti-2020"


def payload_tables(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The tables with UNIT_NAMES on five scored units with agents, all moved (with Inspektorat
    Jenderal's units) under LINK_ESELON1, and payloads as an agent's name, positions, the event
    and plan titles; with the keys of the renamed units."""
    units = tables["units"].copy()
    staffed = set(tables["agents"]["unit_key"])
    picks = units[units["unit_key"].isin(staffed) & units["lke_score"].notna()].head(5)
    keys = picks["unit_key"].tolist()
    names = dict(zip(keys, UNIT_NAMES, strict=True))
    moved = units["unit_key"].isin(keys) | (units["eselon1"] == "Inspektorat Jenderal")
    units.loc[moved, "eselon1"] = LINK_ESELON1
    units["unit_name"] = units["unit_key"].map(names).fillna(units["unit_name"])
    by_key = units.set_index("unit_key")
    out = {**tables, "units": units}
    for dataset in ("agents", "zi_history", "action_plans"):
        frame = tables[dataset].copy()
        frame["unit"] = frame["unit_key"].map(by_key["unit_name"]).fillna(frame["unit"])
        if "eselon1" in frame.columns:
            frame["eselon1"] = frame["unit_key"].map(by_key["eselon1"]).fillna(frame["eselon1"])
        out[dataset] = frame
    agents = out["agents"]
    first = agents.index[agents["unit_key"] == keys[0]]
    agents.loc[first[0], "name"] = AGENT_NAME
    agents.loc[agents.index[:40], "position"] = POSITION
    attendance = tables["attendance"].copy()
    attendance["event"] = EVENT
    plans = out["action_plans"]
    plans.loc[plans.index[plans["unit_key"].isin(keys)][:3], "title"] = PLAN_TITLE
    return {**out, "attendance": attendance}, keys


@pytest.fixture(scope="module")
def payload() -> tuple[dict[str, pd.DataFrame], list[str]]:
    return payload_tables(generate_sample()[2020])


def commit_payload(url: str) -> list[str]:
    """Make the payload tables the current version of the database at `url`, with SCOPED_NAME's
    eselon1 account scoped to LINK_ESELON1; the renamed units' keys."""
    engine = store.connect(url)
    tables, keys = payload_tables(store.load_snapshot(engine).tables)
    store.commit_version(engine, tables, [], uploader="uji", note="nama bermuatan markup")
    users.add_user(engine, SCOPED_NAME, role="eselon1", scope=[LINK_ESELON1],
                   password_hash=passwords.hash_password(SCOPED_PASSWORD), actor="uji")
    engine.dispose()
    return keys


# --- the escapes --------------------------------------------------------------------------------

def _shown(source: str) -> str:
    """What Markdown shows of `source`: every backslash escape read, word joiners invisible."""
    return re.sub(r"\\(.)", r"\1", source).replace(WJ, "")


def _bare(source: str) -> str:
    """`source` without its backslash escapes: what Markdown would still read as syntax."""
    return re.sub(r"\\.", "", source)


# Characters CommonMark, GFM and Streamlit's Markdown give a meaning (emphasis, links, code,
# headings, lists, tables, strikethrough, HTML, entities, :directives:, $math$).
MARKUP = set("\\`*_{}[]()#+-.!|~<>:$&=")
# What Streamlit's Markdown turns into elements after escapes are read (GFM autolinks,
# :material/…: icons, :streamlit:, emoji codes, typographic arrows); a word joiner breaks them.
LIVE_AFTER_ESCAPES = re.compile(r"(?i)https?://|www\.|\w@\w|:[\w/+-]+:|(^|\s)(<-|->|--|>=|<=|~=)")

MARKDOWN_CASES = [
    ("Biro Perencanaan", "Biro Perencanaan"),
    ("Dinas Sosial Kab. Bogor", r"Dinas Sosial Kab\. Bogor"),
    (BOLD_UNIT, r"\*\*Biro Tebal\*\*"),
    (LINK_UNIT, rf"\[Biro Klik\]\(http\:{WJ}//evil\.example\)"),
    (LINK_ESELON1, rf'\<a href\="http\:{WJ}//evil\.example"\>Itjen Tautan\</a\>'),
    (FORMULA_UNIT, rf'\=HYPERLINK\("http\:{WJ}//evil\.example","Biro Rumus"\)'),
    ("www.evil.example", rf"www{WJ}\.evil\.example"),
    ("WWW.Evil.Example", rf"WWW{WJ}\.Evil\.Example"),
    ("admin@evil.example", rf"admin{WJ}@evil\.example"),
    (":material/home: Balai", rf"\:{WJ}material/home\:{WJ} Balai"),
    (":red[Merah] :streamlit:", rf"\:{WJ}red\[Merah\] \:{WJ}streamlit\:{WJ}"),
    ("$x^2$ dan $$y$$", r"\$x^2\$ dan \$\$y\$\$"),
    ("# Judul\n- satu\n1. dua", r"\# Judul \- satu 1\. dua"),
    ("Biro -> Umum <= 5", rf"Biro \-{WJ}\> Umum \<{WJ}\= 5"),
    ("Biro_Umum ~~x~~ `k` | y !", r"Biro\_Umum \~\~x\~\~ \`k\` \| y \!"),
    ("&lt;b&gt; &amp;", r"\&lt;b\&gt; \&amp;"),
    ("a\\b {c}", r"a\\b \{c\}"),
]


@pytest.mark.parametrize(("value", "expected"), MARKDOWN_CASES)
def test_markdown_text_escapes_by_hand(value, expected):
    assert markdown_text(value) == expected


PAYLOADS = [
    LINK_ESELON1, BOLD_UNIT, LINK_UNIT, FORMULA_UNIT, EXTRAS_UNIT, HTML_UNIT, AGENT_NAME, POSITION,
    EVENT, PLAN_TITLE, "![img](http://evil.example/x.png)", f"<{EVIL}>", "[x][1]\n\n[1]: " + EVIL,
    "<!-- komentar -->", ":blue-badge[hi] :rainbow[hi] :smile: :+1:", "mailto:a@b.co xmpp:c@d.id",
    "<span style='color:red'>m</span>", "Biro <-> Umum -- Bagian ~= 1", "> kutipan", "   kode",
    "***", "| a | b |\n|---|---|", "_miring_ *miring*", "\\*", "", "Biro Umum",
]


@pytest.mark.parametrize("value", PAYLOADS)
def test_markdown_text_reads_back_as_the_value_and_holds_no_live_syntax(value):
    escaped = markdown_text(value)
    assert _shown(escaped) == " ".join(value.split())
    assert not MARKUP & set(_bare(escaped))
    assert "\n" not in escaped
    assert LIVE_AFTER_ESCAPES.search(re.sub(r"\\(.)", r"\1", escaped)) is None


@pytest.mark.parametrize(("value", "expected"), [
    (LINK_ESELON1, f'&lt;a href="{EVIL}"&gt;Itjen Tautan&lt;/a&gt;'),
    (HTML_UNIT, "&lt;b&gt;Balai Tebal&lt;/b&gt; &lt;img src=x onerror=alert(1)&gt;"),
    ("&lt;b&gt;", "&amp;lt;b&amp;gt;"),  # an entity stays the text it is
    ("Biro Umum & Keuangan", "Biro Umum &amp; Keuangan"),
    (BOLD_UNIT, BOLD_UNIT),  # Plotly reads no Markdown
    (None, ""),
])
def test_plotly_text(value, expected):
    assert plotly_text(value) == expected


@pytest.mark.parametrize(("call", "expected"), [
    (lambda: theme.shorten("<b>Balai Besar</b>", 10), "&lt;b&gt;Balai…"),
    (lambda: theme.wrap("<b>Balai</b> Besar & Co", 10),
     "&lt;b&gt;Balai&lt;/b&gt;<br>Besar &amp; Co"),
    (lambda: theme.wrap("<i>Balai Besar Rehabilitasi</i>", 14, limit=20),
     "&lt;i&gt;Balai Besar<br>Reha…"),
    (lambda: theme.group_labels([LINK_ESELON1], 22),
     [f'&lt;a<br>href="{EVIL}"&gt;Itjen<br>Tautan&lt;/a&gt;']),
    (lambda: theme.wrap_title(f"Mode kehadiran: {HTML_UNIT}"),
     "Mode kehadiran: &lt;b&gt;Balai Tebal&lt;/b&gt;<br>&lt;img src=x onerror=alert(1)&gt;"),
    (lambda: theme.custom_text([["<b>x</b>", 3, None]]).tolist(), [["&lt;b&gt;x&lt;/b&gt;", 3, None]]),
])
def test_label_makers_cut_the_text_then_escape_it(call, expected):
    assert call() == expected


# --- every chart's text -------------------------------------------------------------------------

def _figures(tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Every chart builder on `tables`."""
    units, lang = tables["units"], "id"
    per_unit = metrics.agents_per_unit(tables)
    return {
        "agents_per_eselon1": charts.agents_per_eselon1_bar(metrics.agents_per_eselon1(tables), lang),
        "agents_per_unit": charts.agents_per_unit_bar(per_unit, lang),
        "agents_per_unit_top": charts.agents_per_unit_bar(per_unit, lang, top_n=5),
        "treemap": charts.treemap_eselon1_unit(per_unit, lang),
        "agents_by_position": charts.agents_by_bar(metrics.agents_by(tables, "position"),
                                                   "position", lang),
        "attendance_donut": charts.attendance_donut(metrics.attendance_overall(tables, EVENT),
                                                    lang, event=EVENT),
        "attendance_eselon1": charts.attendance_stacked_100(
            metrics.attendance_by(tables, "eselon1", EVENT), lang, level="eselon1"),
        "attendance_unit": charts.attendance_stacked_100(
            metrics.attendance_by(tables, "unit_key", EVENT), lang, level="unit_key"),
        "attendance_events": charts.attendance_by_event(metrics.attendance_by_event(tables), lang),
        "stage_bar": charts.stage_bar(metrics.stage_counts(units), lang),
        "stage_funnel": charts.stage_funnel(metrics.stage_funnel(units), lang),
        "stages_by_eselon1": charts.stages_by_eselon1(metrics.stages_by_eselon1(units), lang),
        "stage_movement": charts.stage_movement(
            metrics.stage_movement(metrics.stage_years(tables["zi_history"])), lang),
        "lke": charts.lke_bar(metrics.lke_by_unit(units), lang),
        "areas": charts.area_heatmap(rules.area_pct(units, None), lang),
        "plan_status": charts.plan_status_bar(action_plans.plan_status_counts(tables), lang),
        "plan_status_eselon1": charts.plan_status_bar(
            action_plans.plan_status_counts(tables, "eselon1"), lang, level="eselon1"),
        "plan_status_unit": charts.plan_status_bar(
            action_plans.plan_status_counts(tables, "unit_key"), lang, level="unit_key"),
        "plan_progress_eselon1": charts.plan_progress_bar(
            action_plans.plan_progress(tables, "eselon1"), lang, level="eselon1"),
        "plan_progress_unit": charts.plan_progress_bar(
            action_plans.plan_progress(tables, "unit_key"), lang, level="unit_key"),
        **_profile_figures(tables, lang),
    }


def _profile_figures(tables: dict[str, pd.DataFrame], lang: str) -> dict[str, object]:
    """Profil Unit's own charts, for the first unit whose name is markup."""
    units = tables["units"]
    row = units[units["unit_name"].str.contains("<", regex=False)].iloc[0]
    one = apply_filters(tables, Filters(unit=(row["unit_key"],)))
    facts = unit_facts(one, today=dt.date(2020, 8, 7))[0]
    scores = profile.score_frame(facts.rule_set, whatif.start_values(row.to_dict(),
                                                                      facts.rule_set), lang)
    timeline = profile.timeline_frame(tables["zi_history"], row["unit_key"], facts.unit_name)
    return {"unit_scores": charts.unit_scores(scores, lang, unit=facts.unit_name),
            "stage_timeline": charts.stage_timeline(timeline, lang, unit=facts.unit_name)}


# Figures that show no payload name: no unit, Eselon I, agent or event name at all, or (the top
# five units) none of the renamed ones.
NAMELESS = {"stage_bar", "stage_funnel", "stage_movement", "plan_status", "agents_per_unit_top"}


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def shown_strings(fig) -> list[tuple[str, str]]:
    """(where, text) of every string Plotly draws as text: the title, axis tick labels and
    titles, annotations, legend, and per trace its name, labels, text, custom data (printed by
    hovertemplates), templates, and categories on an axis without tick labels."""
    spec = fig.to_plotly_json()
    layout, out = spec["layout"], []
    out += [("title", s) for s in _strings((layout.get("title") or {}).get("text"))]
    out += [("legend", s) for s in _strings(((layout.get("legend") or {}).get("title") or {})
                                            .get("text"))]
    out += [("annotation", s) for a in layout.get("annotations") or () for s in _strings(a.get("text"))]
    labelled = set()
    for name, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", name):
            out += [(f"{name}.ticktext", s) for s in _strings(axis.get("ticktext"))]
            out += [(f"{name}.title", s) for s in _strings((axis.get("title") or {}).get("text"))]
            if axis.get("ticktext") is not None:
                labelled.add(name[0])
    for i, trace in enumerate(spec["data"]):
        for field in ("name", "labels", "text", "customdata", "hovertemplate", "texttemplate"):
            value = trace.get(field)
            value = value.tolist() if hasattr(value, "tolist") else value
            out += [(f"data[{i}].{field}", s) for s in _strings(value)]
        for field in ("x", "y"):
            value = trace.get(field)
            value = value.tolist() if hasattr(value, "tolist") else value
            if field not in labelled:
                out += [(f"data[{i}].{field}", s) for s in _strings(value)]
    return out


# Markup the figures write themselves: line breaks everywhere; bold names and the empty
# <extra> box in templates; a bold total in the donut's annotation.
OWN_TAGS = re.compile(r"<br>")
OWN_TEMPLATE_TAGS = re.compile(r"<br>|</?b>|<extra></extra>")


@pytest.fixture(scope="module")
def figures(payload) -> dict[str, object]:
    return _figures(payload[0])


def _assert_no_markup(strings: list[tuple[str, str]]) -> None:
    for where, text in strings:
        own = where.endswith("template") or where == "annotation"
        tags = OWN_TEMPLATE_TAGS if own else OWN_TAGS
        assert "<" not in tags.sub("", text), (where, text)


def test_every_chart_builder_is_checked(figures):
    assert list(figures) == FIGURES
    built = {"agents_by_bar", "agents_per_eselon1_bar", "agents_per_unit_bar", "area_heatmap",
             "attendance_by_event", "attendance_donut", "attendance_stacked_100", "lke_bar",
             "plan_progress_bar", "plan_status_bar", "stage_bar", "stage_funnel",
             "stage_movement", "stage_timeline", "stages_by_eselon1", "treemap_eselon1_unit",
             "unit_scores"}
    builders = {n for n in charts.__all__ if callable(getattr(charts, n))} - {
        "alt_text", "chart_config"}
    assert builders == built


FIGURES = ["agents_per_eselon1", "agents_per_unit", "agents_per_unit_top", "treemap",
           "agents_by_position", "attendance_donut", "attendance_eselon1", "attendance_unit",
           "attendance_events", "stage_bar", "stage_funnel", "stages_by_eselon1", "stage_movement",
           "lke", "areas", "plan_status", "plan_status_eselon1", "plan_status_unit",
           "plan_progress_eselon1", "plan_progress_unit", "unit_scores", "stage_timeline"]


@pytest.mark.parametrize("name", FIGURES)
def test_chart_text_holds_names_as_text_never_as_markup(figures, name):
    fig = figures[name]
    strings = shown_strings(fig)
    _assert_no_markup(strings)
    if name not in NAMELESS:  # the names are there, as text
        joined = "\n".join(text for _, text in strings)
        assert "&lt;a href=" in joined or "&lt;b&gt;" in joined, name


def test_chart_hover_shows_the_full_name_escaped(payload):
    per_eselon1 = charts.agents_per_eselon1_bar(metrics.agents_per_eselon1(payload[0]), "id")
    hover = [row[0] for row in per_eselon1.data[0].customdata]
    assert f'&lt;a href="{EVIL}"&gt;Itjen Tautan&lt;/a&gt;' in hover
    treemap = charts.treemap_eselon1_unit(metrics.agents_per_unit(payload[0]), "id")
    assert f"eselon1:{LINK_ESELON1}" in treemap.data[0].ids  # a click still filters by the name


def test_alt_text_shown_in_a_caption_is_inert(payload):
    tables = apply_filters(payload[0], Filters(eselon1=(LINK_ESELON1,)))
    fig = charts.agents_per_unit_bar(metrics.agents_per_unit(tables), "id")
    alt = charts.alt_text(fig)
    assert "Biro Tebal" in alt or "Balai Tebal" in alt, alt
    escaped = markdown_text(alt)
    assert _shown(escaped) == " ".join(alt.split()) and not MARKUP & set(_bare(escaped))


# --- spreadsheets -------------------------------------------------------------------------------

def _cells(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    return [cell for ws in book.worksheets for row in ws.iter_rows() for cell in row]


@pytest.mark.parametrize("value", [FORMULA_UNIT, PLAN_TITLE, " =1+1", "\n=1+1", "\xa0@SUM(A1)",
                                   "  -1+2", "+62 812 3456"])
def test_formula_payloads_stay_text(value):
    frame = pd.DataFrame({"unit_name": [value, "Biro Umum"], "agents": [1, 2]})
    rows = list(csv.reader(io.StringIO(sheets.to_csv(frame).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [f"'{value}", "Biro Umum"]
    cells = [c for c in _cells(sheets.to_xlsx({"Unit": frame})) if c.value == value]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_sidebar_and_chart_downloads_of_payload_data_hold_no_formula(payload):
    tables = payload[0]
    full = sheets.to_xlsx(dashboard.export_frames(tables, "id"))  # the sidebar XLSX
    per_unit = dashboard.label_table(metrics.agents_per_unit(tables), "per_unit", "id")
    chart = sheets.to_xlsx({"agen_per_unit": per_unit})  # a chart card's XLSX
    for data in (full, chart):
        cells = _cells(data)
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        guarded = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]
        assert guarded and all(c.quotePrefix for c in guarded)
    assert {FORMULA_UNIT, PLAN_TITLE} <= {c.value for c in _cells(full)}
    rows = csv.reader(io.StringIO(sheets.to_csv(per_unit).decode("utf-8-sig")))
    assert [f"'{FORMULA_UNIT}"] == [row[0] for row in rows if "Biro Rumus" in row[0]]


# --- pages --------------------------------------------------------------------------------------

DASHBOARD_PAGES = ["pages/ringkasan.py", "pages/sebaran_agen.py", "pages/kehadiran.py",
                   "pages/progres_zi.py", "pages/rencana_tindak_lanjut.py", "pages/unduh_briefing.py"]
RAW = [LINK_ESELON1, *UNIT_NAMES, AGENT_NAME, POSITION, EVENT, EVIL, "www.evil.example",
       "admin@evil.example", ":material/home:", ":red[", "$x^2$"]


def markdown_sources(at: AppTest) -> list[str]:
    """The Markdown source of everything a run renders as Markdown: headings, captions,
    markdown, alerts, KPI labels and help, tab, expander and button labels."""
    texts = [str(e.value) for kind in (at.title, at.header, at.subheader, at.caption, at.markdown,
                                       at.info, at.warning, at.success, at.error) for e in kind]
    texts += [m.label for m in at.metric] + [m.proto.help for m in at.metric]
    texts += [e.label for e in at.tabs] + [e.label for e in at.expander]
    return texts + [b.label for b in at.button]


def _run(page: str, query: dict[str, list[str]], sign_in: tuple[str, str] | None = None
         ) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if sign_in:
        at.text_input(key="auth.name").input(sign_in[0])
        at.text_input(key="auth.password").input(sign_in[1])
        at.button(key="auth.submit").click().run()
    if page != "pages/ringkasan.py":
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", DASHBOARD_PAGES)
def test_pages_render_payload_names_as_text(app_env, page):
    keys = commit_payload(app_env)
    at = _run(page, {"eselon1": [LINK_ESELON1], "unit": keys})
    sources = markdown_sources(at)
    for source in sources:
        for raw in RAW:
            assert raw not in source, (raw, source)
    joined = "\n".join(sources)
    # The filter line names the units and the Eselon I, escaped; so does chart alt text.
    assert r"\*\*Biro Tebal\*\*" in joined and r"\<a href\=" in joined
    # Plain-text widgets get the names as they are: an escape would show its backslashes.
    assert BOLD_UNIT in at.multiselect(key="filters.unit").options
    assert LINK_ESELON1 in at.multiselect(key="filters.eselon1").options
    if page == "pages/kehadiran.py":
        assert at.selectbox(key="kehadiran.event").options == [EVENT]


def test_scope_note_and_a_tampered_link_are_text(app_env):
    commit_payload(app_env)
    at = _run("pages/ringkasan.py", {}, sign_in=(SCOPED_NAME, SCOPED_PASSWORD))
    # The link a scoped user opens in a fresh session: a unit outside the scope, as Markdown.
    at.session_state["filters.seeded"] = False
    at.query_params["unit"] = f"[Masuk di sini]({EVIL}/masuk)"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    sources = markdown_sources(at)
    scope = [s for s in sources if "Itjen Tautan" in s]
    ignored = [s for s in sources if "Masuk di sini" in s]
    assert scope and ignored, sources
    for source in scope + ignored:
        assert LINK_ESELON1 not in source and "](" not in source and EVIL not in source, source
    assert rf"\[Masuk di sini\]\(http\:{WJ}//evil\.example/masuk\)" in ignored[0]


def test_charts_a_page_sends_hold_no_raw_markup(app_env):
    keys = commit_payload(app_env)
    at = _run("pages/sebaran_agen.py", {"unit": keys})
    figures = [go.Figure(json.loads(chart.proto.spec)) for chart in at.get("plotly_chart")]
    assert len(figures) >= 4
    shown = [item for fig in figures for item in shown_strings(fig)]
    _assert_no_markup(shown)
    assert any("&lt;b&gt;Balai Tebal" in text for _, text in shown)
