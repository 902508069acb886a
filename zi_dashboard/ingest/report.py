"""Validation issues and the report that gathers them, with messages in Indonesian and English."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import pandas as pd

from zi_dashboard import i18n
from zi_dashboard.domain.schema import DATASETS, ENUMS
from zi_dashboard.i18n import format_number

__all__ = ["REPORT_COLUMNS", "Issue", "Report"]

REPORT_COLUMNS = ("severity", "file", "sheet", "row", "column", "code", "message", "value")


_SEVERITY_ORDER = MappingProxyType({"error": 0, "warning": 1, "info": 2})


class _Params(dict):
    """Format mapping that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _show(value: object, lang: str) -> str:
    """A parameter as text in `lang` (floats with the local decimal comma)."""
    if isinstance(value, float):
        # Whole numbers as typed (a row, a length); others in the local style, as few decimals
        # as they need: 7,8 and 75,25.
        return str(int(value)) if value.is_integer() else format_number(value, lang, 2,
                                                                        min_decimals=0)
    if isinstance(value, (list, tuple)):
        return ", ".join(_show(v, lang) for v in value)
    if isinstance(value, dict) and lang in value:  # given per language: {"id": …, "en": …}
        return str(value[lang])
    return str(value)


@dataclass(frozen=True)
class Issue:
    """One problem found in an upload, located as the user sees it in Excel."""

    severity: str
    code: str
    file: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict = field(default_factory=dict, hash=False)

    def message(self, lang: str = "id") -> str:
        """The message in `lang` ('id' or 'en'), placeholders filled."""
        template = i18n.template(f"issue.{self.code}", lang) or self.code
        values = _Params({k: _show(v, lang) for k, v in self.params.items()})
        values.update(column=self.column or "", value=self.value or "", sheet=self.sheet or "",
                      file=self.file, row=self.row if self.row is not None else "")
        dataset = DATASETS.get(self.params.get("dataset", ""))
        if dataset is not None:
            values["dataset_label"] = dataset.label(lang)
            if "field" in self.params:
                values["field_label"] = dataset.column(self.params["field"]).label(lang)
        if "enum" in self.params:
            values["accepted"] = ", ".join(ENUMS[self.params["enum"]].accepted(lang))
        if "nip_gender" in self.params:
            values["nip_gender"] = ENUMS["gender"].label(self.params["nip_gender"], lang)
        if "suggestions" in self.params:
            names = "; ".join(self.params["suggestions"])
            values["suggestion"] = (" " + i18n.t("issue.suggestion", lang, names=names)
                                    if names else "")
        if self.params.get("left_empty"):  # an unreadable optional cell (strings_values)
            template += " " + i18n.t("issue.left_empty", lang)
        return template.format_map(values)

    def record(self, lang: str = "id") -> dict:
        """The issue as a flat dict with REPORT_COLUMNS keys."""
        return {"severity": self.severity, "file": self.file, "sheet": self.sheet, "row": self.row,
                "column": self.column, "code": self.code, "message": self.message(lang),
                "value": self.value}


@dataclass
class Report:
    """Every issue of one validation, and which sheets were read as what."""

    issues: list[Issue]
    sheets: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when nothing blocks a commit (warnings allowed)."""
        return not self.errors

    def to_records(self, lang: str = "id") -> list[dict]:
        """Issues as dicts, errors first."""
        ordered = sorted(self.issues, key=lambda i: _SEVERITY_ORDER.get(i.severity, 2))
        return [i.record(lang) for i in ordered]

    def to_frame(self, lang: str = "id") -> pd.DataFrame:
        """Issues as a table (REPORT_COLUMNS), errors first."""
        frame = pd.DataFrame(self.to_records(lang), columns=list(REPORT_COLUMNS))
        frame["row"] = frame["row"].astype("Int64")
        return frame
