"""The greedy baseline: requests in the order given, each takes its cheapest bed still free."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .candidates import candidates
from .grouping import active_rooms
from .model import Bed, Request, Result, Weights
from .search import _small
from .segments import split
from .wording import _rejoin, _result


def greedy(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
) -> Result:
    """Baseline: requests in the order given, each takes its cheapest bed still free.

    Ties go to the bed class holding the smallest bed id, then to the smallest bed id. Keeps
    same-gender rooms and splits stays as `match` does (segments in order, in their request's place).
    """
    expanded, parts = split(requests, beds, {rid for rid, _ in existing})
    cand = candidates(expanded, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    rows = list(range(len(cand.request_classes)))
    small, owner = _small(cand, rows, active_rooms(cand, rows))
    index = {rid: k for k, (rid, _, _) in enumerate(small.reqs)}
    position = {r.id: n for n, r in enumerate(requests)}
    for internal, part in parts.items():
        position[internal] = position[part.request] + part.number / (part.of + 1)
    picked = small.greedy(sorted(index.values(), key=lambda k: position[small.reqs[k][0]]))
    assignment = {small.reqs[k][0]: (bed, owner[k]) for k, (bed, _) in picked.items()}
    info = {"components": 0, "exact_components": 0, "heuristic_components": 0, "optimal": False}
    result = _rejoin(_result(cand, assignment, info), cand, parts)
    result.optimal = False
    result.stats["seconds"] = {"candidates": cand.seconds, "solve": time.perf_counter() - started}
    return result
