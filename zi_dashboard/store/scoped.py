"""A scoped upload's new version: the scope's uploaded rows and every other unit's current rows.

An admin scoped to some Eselon I replaces only its units' rows. Each dataset it uploads becomes,
in the new version, the current version's rows outside the scope followed by the uploaded rows;
a dataset it leaves out is inherited whole by commit_version, as for any partial upload. This is
how the units' rosters are gathered into one national version, one scope at a time.

An uploaded row that repeats the unit key or NIP of a row kept for another scope (another
scope's commit landed after the check) is never merged: one of the two would be lost.
`clashing_rows` finds them, `clash_issues` names them, and `kept_rows` refuses to merge them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard.access import Principal, in_scope_units
from zi_dashboard.domain import schema
from zi_dashboard.domain.errors import StoreError
from zi_dashboard.ingest.report import Issue, Report
from zi_dashboard.ingest.scope_check import scope_keys
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store.frames import plain_values, typed_frame

__all__ = ["MANIFEST_NAME", "clash_issues", "clashing_rows", "kept_rows", "merge_scope",
           "stored_files"]

# The small record stored with a scoped version's files (see `stored_files`).
MANIFEST_NAME = "cakupan_unggahan.json"
# What a clash repeats, per dataset: (the column, the issue code).
_CLASHES = {"units": ("unit_key", "scope_unit_elsewhere"), "agents": ("nip", "scope_nip_elsewhere")}


def clashing_rows(current: Mapping[str, pd.DataFrame], uploaded: Mapping[str, pd.DataFrame],
                  principal: Principal) -> dict[str, pd.Series]:
    """Per uploaded dataset with any, which uploaded rows repeat the unit key (units) or NIP
    (agents) of a current row outside the scope: merged, they would push that row out."""
    keys = scope_keys(current.get("units"), uploaded.get("units"), principal)
    theirs = {}
    units, agents = current.get("units"), current.get("agents")
    if units is not None:
        theirs["units"] = units.loc[~in_scope_units(units, principal), "unit_key"]
    if agents is not None:
        theirs["agents"] = agents.loc[~agents["unit_key"].isin(keys), "nip"]
    found = {}
    for dataset, held in theirs.items():
        new = uploaded.get(dataset)
        if new is None:
            continue
        column = new[_CLASHES[dataset][0]]
        clash = (column.notna() & column.isin(held.dropna())).astype(bool)
        if clash.any():
            found[dataset] = clash
    return found


def clash_issues(clashes: Mapping[str, pd.Series], uploaded: Mapping[str, pd.DataFrame],
                 report: Report, principal: Principal) -> list[Issue]:
    """Errors for clashing rows the check did not flag itself: at the dataset's first sheet and
    column, with the uploaded value (the uploader's own), never the other scope's row."""
    issues = []
    for dataset, clash in clashes.items():
        column, code = _CLASHES[dataset]
        shown = "unit_name" if dataset == "units" else column
        sheet = next((s for s in report.sheets if s.get("dataset") == dataset), {})
        label = schema.DATASETS[dataset].column(shown).label("id")
        for value in uploaded[dataset].loc[clash, shown]:
            issues.append(Issue("error", code, sheet.get("file", ""), sheet.get("sheet"), None,
                                label, str(value),
                                {"scope": [*principal.eselon1, *principal.units]}))
    return issues


def kept_rows(current: Mapping[str, pd.DataFrame], uploaded: Mapping[str, pd.DataFrame],
              principal: Principal) -> dict[str, pd.Series]:
    """Per uploaded dataset, which current rows lie outside the scope (the new version keeps
    them): units of other Eselon I, rows of their units, attendance of their agents.

    Raises StoreError when an uploaded row repeats a unit key or NIP held outside the scope
    (clashing_rows): rather than lose another scope's row, nothing is merged."""
    if clashing_rows(current, uploaded, principal):
        raise StoreError("Baris unggahan ini sudah dimiliki cakupan lain; periksa ulang berkasnya "
                         "/ rows of this upload are held by another scope; check the files again")
    keys = scope_keys(current.get("units"), uploaded.get("units"), principal)
    agents = current.get("agents")
    nips = set() if agents is None else set(agents.loc[agents["unit_key"].isin(keys), "nip"])
    if "agents" in uploaded:
        nips |= set(uploaded["agents"]["nip"].dropna())
    kept = {}
    for dataset, new in uploaded.items():
        old = current.get(dataset)
        if old is None:
            continue
        if dataset == "units":
            keep = ~in_scope_units(old, principal)
        elif dataset == "attendance":
            keep = ~old["nip"].isin(nips)
        else:
            # No other scope's unit key or NIP is in the upload (checked above).
            keep = ~old["unit_key"].isin(keys)
        kept[dataset] = keep.astype(bool)
    return kept


def _joined(dataset: str, first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Two clean tables of one dataset as one, with the clean-table dtypes (as stored)."""
    if first.empty:
        return second.reset_index(drop=True)
    columns = schema.clean_columns(dataset)
    values = [plain_values(first[name], kind) + plain_values(second[name], kind)
              for name, kind in columns]
    return typed_frame(list(zip(*values)), columns)


def merge_scope(current: Mapping[str, pd.DataFrame], uploaded: Mapping[str, pd.DataFrame],
                principal: Principal) -> dict[str, pd.DataFrame]:
    """The uploaded datasets as the new version stores them: the current rows outside the scope,
    then the upload's rows. Datasets not uploaded are left out (inherited whole)."""
    if not principal.scoped:
        return dict(uploaded)
    kept = kept_rows(current, uploaded, principal)
    return {dataset: _joined(dataset, current[dataset][kept[dataset]], new) if dataset in kept
            else new for dataset, new in uploaded.items()}


def stored_files(files: Sequence[SourceFile], principal: Principal, base: int | None,
                 datasets: Sequence[str]) -> list[SourceFile]:
    """The files a scoped version stores: the upload's, and a manifest naming the scope and the
    version whose other rows it keeps.

    The manifest is part of the version's identity (its hash): the same files over another base
    make another version, never a duplicate of one that lacks the rows committed since.
    """
    if not principal.scoped:
        return list(files)
    manifest = {"scope": {"eselon1": list(principal.eselon1), "units": list(principal.units)},
                "base_version": base,
                "datasets": [d for d in schema.DATASET_ORDER if d in datasets]}
    body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return [*files, SourceFile(MANIFEST_NAME, body.encode("utf-8"))]
