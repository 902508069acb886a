"""A scoped upload's new version: the scope's uploaded rows and every other unit's current rows.

An admin scoped to some Eselon I replaces only its units' rows. Each dataset it uploads becomes,
in the new version, the current version's rows outside the scope followed by the uploaded rows;
a dataset it leaves out is inherited whole by commit_version, as for any partial upload. This is
how the units' rosters are gathered into one national version, one scope at a time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

import pandas as pd

from zi_dashboard.access import Principal, in_scope_units
from zi_dashboard.domain import schema
from zi_dashboard.ingest.scope_check import scope_keys
from zi_dashboard.ingest.sources import SourceFile
from zi_dashboard.store.frames import plain_values, typed_frame

__all__ = ["MANIFEST_NAME", "kept_rows", "merge_scope", "stored_files"]

# The small record stored with a scoped version's files (see `stored_files`).
MANIFEST_NAME = "cakupan_unggahan.json"


def kept_rows(current: Mapping[str, pd.DataFrame], uploaded: Mapping[str, pd.DataFrame],
              principal: Principal) -> dict[str, pd.Series]:
    """Per uploaded dataset, which current rows lie outside the scope (the new version keeps
    them): units of other Eselon I, rows of their units, attendance of their agents."""
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
            # A key the upload holds is never kept twice (validation refuses such a row anyway).
            keep = ~in_scope_units(old, principal) & ~old["unit_key"].isin(new["unit_key"])
        elif dataset == "attendance":
            keep = ~old["nip"].isin(nips)
        else:
            keep = ~old["unit_key"].isin(keys)
            if dataset == "agents":
                keep &= ~old["nip"].isin(new["nip"].dropna())
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
