"""The deterministic sample in data/: `generate` makes the clean tables, `workbook` writes them
as the rosters a unit keeps. `python -m zi_dashboard sample` rewrites data/sample_*.xlsx."""

from zi_dashboard.sample.generate import AGENT_COUNTS, SAMPLE_YEARS, generate_sample, sample_paths
from zi_dashboard.sample.workbook import sample_workbook, write_sample

__all__ = ["AGENT_COUNTS", "SAMPLE_YEARS", "generate_sample", "sample_paths", "sample_workbook",
           "write_sample"]
