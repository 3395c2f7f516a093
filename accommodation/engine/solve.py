"""Matching: segments, candidates, then each piece solved by OR-Tools: min-cost flow where
that is exact (a transportation problem), a MIP (SCIP) otherwise, seeded with the quick
answers and never worse than them (see `accommodation.engine`)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .candidates import candidates
from .exact import hand_out, lp_guide, solve_piece
from .flow import _flow_to_beds
from .grouping import _components, _slots, active_rooms
from .model import COST_SCALE, Bed, Candidates, Request, Result, Weights
from .search import _clique_core, _small
from .segments import split
from .wording import _rejoin, _result

TIME_LIMIT = 60.0  # seconds for the MIP over all pieces of a run
PIECE_SECONDS = 10.0  # at most this much for one piece


def match(
    requests: Sequence[Request],
    beds: Sequence[Bed],
    *,
    existing: Sequence[tuple[int, int]] = (),
    weights: Weights | None = None,
    time_limit: float = TIME_LIMIT,
    piece_seconds: float = PIECE_SECONDS,
    workers: int = 1,
) -> Result:
    """Propose beds: as many requests housed as possible, then the cheapest (`accommodation.engine`).

    `existing` holds confirmed (request id, bed id) bookings: they occupy their beds for the
    request's stay and are neither proposed nor reported unmatched. A rotating request that
    no single bed can serve is split into segments (`segments`). The MIP gets at most
    `time_limit` seconds in all (0: the quick answers only), each piece its share of what
    is left by size, at most `piece_seconds`, on `workers` threads where the solver can.
    """
    booked = {rid for rid, _ in existing}
    expanded, parts = split(requests, beds, booked)
    cand = candidates(expanded, beds, existing=existing, weights=weights)
    started = time.perf_counter()
    assignment, info = _solve(cand, time_limit, piece_seconds, workers)
    result = _rejoin(_result(cand, assignment, info), cand, parts)
    result.optimal = info["optimal"]
    result.housed_bound = info["housed_bound"]
    result.cost_bound = info["cost_bound_units"] / COST_SCALE
    result.stats["housed_bound"] = result.housed_bound
    result.stats["cost_bound"] = result.cost_bound
    result.stats["seconds"] = {
        "candidates": cand.seconds,
        "solve": time.perf_counter() - started,
    }
    return result


def _solve(
    cand: Candidates, time_limit: float, piece_seconds: float, workers: int
) -> tuple[dict[int, tuple[int, int]], dict]:
    """{request id: (bed id, request class)} and figures about the pieces."""
    slot_class, slot_clique, slot_rows, arc_slot = _slots(cand)
    rooms = active_rooms(cand, list(range(len(cand.request_classes))))
    room_classes = {k for ks in rooms.values() for k in ks}
    links: dict[str, list[int]] = {}
    room_of = {k: room for room, ks in rooms.items() for k in ks}
    for t, k in enumerate(slot_class):
        if k in room_of:
            links.setdefault(room_of[k], []).append(t)
    components = _components(arc_slot, slot_rows, list(links.values()))

    def is_flow(slots: list[int]) -> bool:
        return all(slot_clique[t] and slot_class[t] not in room_classes for t in slots)

    general_arcs = sum(
        len(cand.arc_beds[i]) * len(cand.request_classes[i])
        for rows, slots in components
        if not is_flow(slots)
        for i in rows
    )
    deadline = time.perf_counter() + time_limit
    assignment: dict[int, tuple[int, int]] = {}
    exact = heuristic = 0
    housed_bound = cost_bound = 0
    for rows, slots in components:
        if is_flow(slots):
            exact += 1
            columns = sorted(slots)
            before = set(assignment)
            _flow_to_beds(
                cand,
                rows,
                [slot_class[t] for t in columns],
                [arc_slot[i] for i in rows],
                columns,
                assignment,
            )
            housed_bound += len(assignment) - len(before)
            cost_bound += _units(cand, assignment, set(assignment) - before)
            continue
        left = max(0.0, deadline - time.perf_counter())
        arcs = sum(len(cand.arc_beds[i]) * len(cand.request_classes[i]) for i in rows)
        seconds = min(piece_seconds, left * arcs / max(1, general_arcs))  # a fair share
        general_arcs -= arcs
        piece_rooms = {room: ks for room, ks in rooms.items() if set(ks) & _classes(cand, rows)}
        proven, bound, units = _general(
            cand,
            rows,
            (slots, slot_class, slot_clique, slot_rows, arc_slot),
            piece_rooms,
            seconds,
            workers,
            assignment,
        )
        housed_bound += bound
        cost_bound += units
        if proven:
            exact += 1
        else:
            heuristic += 1
    info = {
        "components": len(components),
        "exact_components": exact,
        "heuristic_components": heuristic,
        "optimal": heuristic == 0,
        "housed_bound": housed_bound,
        "cost_bound_units": cost_bound,
    }
    return assignment, info


def _classes(cand: Candidates, rows: list[int]) -> set[int]:
    return {k for i in rows for k in cand.arc_beds[i]}


def _units(cand: Candidates, assignment: dict[int, tuple[int, int]], ids: set[int]) -> int:
    """The cost in units of the proposals of `ids`."""
    class_of = {bed: k for k, members in enumerate(cand.bed_classes) for bed in members}
    total = 0
    for rid in ids:
        bed, i = assignment[rid]
        total += cand.arc_units[i][cand.arc_beds[i].index(class_of[bed])]
    return total


def _general(
    cand: Candidates,
    rows: list[int],
    grouping: tuple,
    rooms: dict[str, list[int]],
    seconds: float,
    workers: int,
    assignment: dict[int, tuple[int, int]],
) -> tuple[bool, int, int]:
    """A piece that is not a transportation problem. The quick answers (greedy, one
    trainee per bed, the clique core) seed the MIP; the best answer of all is kept. Returns
    (proven optimal, housed bound, cost bound in units)."""
    started = time.perf_counter()
    small, owner = _small(cand, rows, rooms)
    index = {rid: k for k, (rid, _, _) in enumerate(small.reqs)}
    members: dict[int, list[int]] = {}
    for k, i in enumerate(owner):
        members.setdefault(i, []).append(k)
    price = {
        (i, k): u for i in rows for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
    }
    bed_class = {bed: k for i in rows for k in cand.arc_beds[i] for bed in cand.bed_classes[k]}

    def priced(pairs: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """{request index: (bed, units)} for {request id: (bed id, request class)}."""
        return {index[rid]: (bed, price[i, bed_class[bed]]) for rid, (bed, i) in pairs.items()}

    greedy = small.greedy()
    floor = small.one_per_bed()
    slots, slot_class, slot_clique, slot_rows, arc_slot = grouping
    core, _ = _clique_core(cand, rows, slots, arc_slot, slot_class, slot_rows, slot_clique)
    best = greedy
    tries = [small.insert(floor), small.insert(priced(core))]
    supply = len(small.reqs)
    most = supply
    if seconds > 0:
        lp, most = lp_guide(cand, rows, seconds / 2)
        tries.append(small.guided({(k, c): v for (i, c), v in lp.items() for k in members[i]}))
    for other in tries:
        if small.value(other) < small.value(best):
            best = other
    if len(best) < most and seconds > 0:
        more = small.augment(best, started + seconds / 2)
        if small.value(more) < small.value(best):
            best = more
    housed_bound, cost_bound, proven = most, 0, False
    cheapest = sum(small.cands[k][0][0] for k in range(supply) if small.cands[k])
    if (
        len(best) == sum(1 for c in small.cands if c)
        and small.value(best) == cheapest - len(best) * small.big
    ):
        proven = True  # everyone housed, each in a cheapest bed: nothing can be better
    elif seconds - (time.perf_counter() - started) > 0:
        hint: dict[tuple[int, int], int] = {}
        for k, (bed, _) in best.items():
            key = (owner[k], bed_class[bed])
            hint[key] = hint.get(key, 0) + 1
        left = seconds - (time.perf_counter() - started)
        piece = solve_piece(cand, rows, rooms, hint, left, workers, most)
        if piece is not None:
            housed_bound, cost_bound = piece.housed_bound, piece.cost_bound
            found: dict[int, tuple[int, int]] = {}
            hand_out(cand, piece.counts, found)
            answer = priced(found)
            if small.value(answer) <= small.value(best):
                best, proven = answer, piece.optimal
    # The guarantees: never worse than greedy, and (where no room rule binds, which one
    # trainee per bed ignores) never fewer housed than one trainee per bed.
    assert rooms or len(best) >= len(floor), "fewer housed than one trainee per bed"
    assert small.value(best) <= small.value(greedy), "worse than greedy"
    for k, (bed, _) in best.items():
        assignment[small.reqs[k][0]] = (bed, owner[k])
    if proven:
        housed_bound, cost_bound = len(best), sum(u for _, u in best.values())
    else:  # housing as many costs at least their number of the cheapest first choices
        firsts = sorted(c[0][0] for c in small.cands if c)
        cost_bound = max(cost_bound, sum(firsts[: len(best)]))
    return proven, max(housed_bound, len(best)), cost_bound
