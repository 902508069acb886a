"""Figures from metric frames, in the UI language: `from zi_dashboard import charts`.

`palette` holds the colours and fonts, `theme` the Plotly template and the primitives every
figure shares; the builders are grouped by topic: agents, attendance, zi, plans. Each returns a
go.Figure whose alt text is in fig.layout.meta["alt"] (read it with `alt_text`).

A builder assembles its figure as plain data, a `theme.Spec` ({"data": [trace dicts],
"layout": {...}}), with the primitives of `theme` (`spec`, `merge`, `update_axis`,
`category_axis`, `add_stacked_bars`), and `finish_figure` makes the go.Figure from it: Plotly
validates the whole figure once. Built step by step (go.Bar objects, update_layout,
update_xaxes, add_trace), every step is another pass over what the figure already holds: a
national chart cost 2-3 times as much.
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
