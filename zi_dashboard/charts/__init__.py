"""Figures from metric frames, in the UI language: `from zi_dashboard import charts`.

`palette` holds the colours and fonts, `theme` the Plotly template and the primitives every
figure shares; the builders are grouped by topic: agents, attendance, zi, plans. Each returns a
go.Figure whose alt text is in fig.layout.meta["alt"] (read it with `alt_text`).

Traces go in as dicts (`dict(type="bar", ...)`): Plotly validates a dict once, as it enters
the figure, but a go.Bar twice, built and then copied in (half of a stacked chart's time).
"""

from zi_dashboard.charts.agents import (
    agents_by_bar,
    agents_per_eselon1_bar,
    agents_per_unit_bar,
    treemap_eselon1_unit,
)
from zi_dashboard.charts.attendance import (
    attendance_by_event,
    attendance_donut,
    attendance_stacked_100,
)
from zi_dashboard.charts.fold import MAX_BARS, OTHERS_KEY
from zi_dashboard.charts.plans import plan_progress_bar, plan_status_bar
from zi_dashboard.charts.profile import stage_timeline, unit_scores
from zi_dashboard.charts.theme import alt_text, chart_config
from zi_dashboard.charts.zi import (
    area_heatmap,
    lke_bar,
    stage_bar,
    stage_funnel,
    stage_movement,
    stages_by_eselon1,
)

__all__ = [
    "MAX_BARS", "OTHERS_KEY", "agents_by_bar", "agents_per_eselon1_bar", "agents_per_unit_bar",
    "alt_text", "area_heatmap", "attendance_by_event", "attendance_donut",
    "attendance_stacked_100", "chart_config", "lke_bar", "plan_progress_bar", "plan_status_bar",
    "stage_bar", "stage_funnel", "stage_movement", "stage_timeline", "stages_by_eselon1",
    "treemap_eselon1_unit", "unit_scores",
]
