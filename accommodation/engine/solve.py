"""Matching: candidates, then each component solved exactly as a flow when it is a
transportation problem, otherwise by the best of several heuristics and a bounded exact
search (see `accommodation.engine`)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import date

from .candidates import candidates
from .flow import _flow_to_beds
from .grouping import _components, _slots
from .model import Bed, Candidates, Request, Result, Weights
from .search import _clique_core, _Small
from .wording import _result

ROLLING_ARCS = 400_000  # request-bed arcs up to which a general component also tries `rolling`
SEARCH_REQUESTS = 60  # requests up to which a general component is searched exactly


def match(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
    exact_nodes: int = 200_000,
) -> Result:
    """Propose beds: as many requests housed as possible, then the cheapest (`accommodation.engine`).

    `existing` holds confirmed (request id, bed id) bookings: they occupy their beds for the
    request's stay and are neither proposed nor reported unmatched. `exact_nodes` bounds the
    branch and bound of the components that are not transportation problems, all together
    (0: no search).
    """
    cand = candidates(requests, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    assignment, info = _solve(cand, exact_nodes)
    result = _result(cand, assignment, info)
    result.stats["seconds"] = {
        "candidates": cand.seconds,
        "solve": time.perf_counter() - started,
    }
    return result


def _solve(
    cand: Candidates, exact_nodes: int, *, nested: bool = False
) -> tuple[dict[int, tuple[int, int]], dict]:
    """{request id: (bed id, request class)} and figures about the components; `nested`:
    a re-solve inside `_solve_general`, which does not re-solve again."""
    slot_class, slot_clique, slot_rows, arc_slot = _slots(cand)
    components = _components(arc_slot, slot_rows)

    assignment: dict[int, tuple[int, int]] = {}
    exact = heuristic = 0
    budget = exact_nodes  # search nodes left for all the general components together
    for rows, slots in components:
        if all(slot_clique[t] for t in slots):
            exact += 1
            columns = sorted(slots)
            _flow_to_beds(
                cand,
                rows,
                [slot_class[t] for t in columns],
                [arc_slot[i] for i in rows],
                columns,
                assignment,
            )
            continue
        proven, used = _solve_general(
            cand,
            rows,
            slots,
            arc_slot,
            slot_class,
            slot_rows,
            slot_clique,
            budget,
            assignment,
            nested,
        )
        budget -= used
        if proven:
            exact += 1
        else:
            heuristic += 1
    info = {
        "components": len(components),
        "exact_components": exact,
        "heuristic_components": heuristic,
        "optimal": heuristic == 0,
    }
    return assignment, info


def _solve_general(
    cand: Candidates,
    rows: list[int],
    slots: list[int],
    arc_slot: list[list[int]],
    slot_class: list[int],
    slot_rows: list[list[int]],
    slot_clique: list[bool],
    budget: int,
    assignment: dict[int, tuple[int, int]],
    nested: bool,
) -> tuple[bool, int]:
    """A component that is not a transportation problem: the best of three heuristics,
    then branch and bound within `budget` nodes. Returns (proven optimal, nodes used)."""
    reqs: list[tuple[int, date, date]] = []
    cands: list[list[tuple[int, int, int]]] = []
    owner: list[int] = []
    arcs = 0
    for i in rows:
        s, e = cand.stays[i]
        options = [  # cheapest first, ties by bed class then bed id, as in `greedy`
            (u, bed, k)
            for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
            for bed in cand.bed_classes[k]
        ]
        for rid in cand.request_classes[i]:
            reqs.append((rid, s, e))
            cands.append(options)
            owner.append(i)
            arcs += len(options)
    small = _Small(reqs, cands)
    index = {rid: k for k, (rid, _, _) in enumerate(reqs)}
    core, bridging = _clique_core(cand, rows, slots, arc_slot, slot_class, slot_rows, slot_clique)
    bed_class = {bed: k for i in rows for k in cand.arc_beds[i] for bed in cand.bed_classes[k]}
    price = {
        (i, k): u for i in rows for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
    }

    def priced(pairs: Iterable[tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """{request index: (bed, units)} for (request id, bed id) pairs."""
        return {index[rid]: (bed, price[owner[index[rid]], bed_class[bed]]) for rid, bed in pairs}

    best = small.insert(priced((rid, bed) for rid, (bed, _) in core.items()))
    tries = [small.greedy()]
    if arcs <= ROLLING_ARCS:
        tries.append(small.rolling())
    for other in tries:
        if small.value(other) < small.value(best):
            best = other
    if bridging and not nested:
        # Put the bridging requests somewhere and treat them as confirmed: the rest is then
        # a transportation problem, solved exactly. Where the best answer so far put them
        # (so never worse than it), and where they would go if they were alone.
        members = [k for k in range(len(reqs)) if owner[k] in bridging]
        alone = small.assign_alone(members)
        beds = sorted(bed_class)
        confirmed = [(rid, b) for b in beds for _, _, rid in cand.occupied.get(b, ())]
        for kept in ({k: best[k] for k in members if k in best}, alone):
            fixed = [(reqs[k][0], bed) for k, (bed, _) in sorted(kept.items())]
            sub = candidates(
                [cand.requests[reqs[k][0]] for k in range(len(reqs)) if owner[k] not in bridging]
                + [cand.requests[rid] for rid, _ in fixed + confirmed],
                [cand.beds[b] for b in beds],
                existing=fixed + confirmed,
                weights=cand.weights,
            )
            again, _ = _solve(sub, 0, nested=True)
            resolved = small.insert(
                {**priced((rid, bed) for rid, (bed, _) in again.items()), **kept}
            )
            if small.value(resolved) < small.value(best):
                best = resolved
    proven, used = None, 0
    if budget > 0 and len(reqs) <= SEARCH_REQUESTS:
        proven, used = small.branch_and_bound(best, budget)
        if proven is not None:
            best = proven
    for k, (bed, _) in best.items():
        assignment[reqs[k][0]] = (bed, owner[k])
    return proven is not None, used


# --------------------------------------------------------------------------- wording
