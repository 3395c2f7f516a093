"""The greedy baseline: requests in the order given, each takes its cheapest bed still free."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date

from .candidates import candidates
from .model import Bed, Request, Result, Weights
from .search import _Small
from .wording import _result


def greedy(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
) -> Result:
    """Baseline: requests in the order given, each takes its cheapest bed still free.

    Ties go to the bed class holding the smallest bed id, then to the smallest bed id.
    """
    cand = candidates(requests, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    class_of = {rid: i for i, ids in enumerate(cand.request_classes) for rid in ids}
    occ: dict[int, list[tuple[date, date]]] = {}
    assignment: dict[int, tuple[int, int]] = {}
    for r in requests:
        i = class_of.get(r.id)
        if i is None:
            continue
        s, e = cand.stays[i]
        for k in cand.arc_beds[i]:  # cheapest first, ties by bed id
            for bed in cand.bed_classes[k]:
                if _Small._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assignment[r.id] = (bed, i)
                    break
            else:
                continue
            break
    info = {"components": 0, "exact_components": 0, "heuristic_components": 0, "optimal": False}
    result = _result(cand, assignment, info)
    result.stats["seconds"] = {"candidates": cand.seconds, "solve": time.perf_counter() - started}
    return result
