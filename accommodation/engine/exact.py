"""CP-SAT on one piece that is not a transportation problem: a bed may hold several stays
that do not share a night, shared rooms may have to keep one gender.

The model works on classes (`Candidates`): x[i, k] = how many members of request class i
get a bed of bed class k. A bed class of m identical beds takes, on every night, at most m of
the stays given to it; that is exact, because stays are intervals (an interval graph whose
cliques are at most m can be coloured with m beds: `hand_out` does it, by arrival). A night
on which the stays of a class can be together is checked once, at the arrival that starts a
maximal group of overlapping stays.

Same-gender rooms: in a room (`Bed.room`) shared by beds that trainees of different genders
could get, y[p, g] says "someone of gender g is in the room on the night starting at p"
(p: every arrival among those stays; two stays share a night iff one contains the other's
arrival). A request with `same_gender_only` in the room on night p forbids every other
gender there on that night.

Objective, lexicographic as everywhere in the engine: first the most requests housed
(stage 1), then, among answers housing that many, the least cost in integer units (stage
2). Both stages start from a hint (the best answer the fast methods found) and stop after
their share of the time; the solver's proven bounds are reported with the answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from .model import Candidates


@dataclass
class Piece:
    """What CP-SAT found for one piece: counts per class arc, and what it proved."""

    counts: dict[tuple[int, int], int]  # (request class, bed class) -> members
    housed_bound: int  # no answer houses more
    cost_bound: int  # no answer housing as many as `counts` costs less (units)
    optimal: bool


def _cliques(stays: list[tuple[date, date, int]]) -> list[list[int]]:
    """The maximal groups of stays (arrival, departure, key) that share a night: one per
    arrival p after which some stay ends before the next arrival."""
    starts = sorted({s for s, _, _ in stays})
    groups: list[list[int]] = []
    for n, p in enumerate(starts):
        nxt = starts[n + 1] if n + 1 < len(starts) else None
        members = [key for s, e, key in stays if s <= p < e]
        ends = [e for s, e, _ in stays if s <= p < e]
        if nxt is None or min(ends) <= nxt:
            groups.append(members)
    return groups


def solve_piece(
    cand: Candidates,
    rows: list[int],
    rooms: dict[str, list[int]],
    hint: dict[tuple[int, int], int],
    seconds: float,
    workers: int = 1,
) -> Piece | None:
    """The best answer CP-SAT finds in `seconds` (None if it found none), with its bounds."""
    started = time.perf_counter()
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    units: dict[tuple[int, int], int] = {}
    tops: dict[tuple[int, int], int] = {}
    by_class: dict[int, list[tuple[date, date, tuple[int, int]]]] = {}
    supply = 0
    for i in rows:
        n = len(cand.request_classes[i])
        s, e = cand.stays[i]
        row = []
        for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True):
            top = min(n, len(cand.bed_classes[k]))
            var = model.new_bool_var("") if top == 1 else model.new_int_var(0, top, "")
            x[i, k] = var
            tops[i, k] = top
            units[i, k] = u
            row.append(var)
            by_class.setdefault(k, []).append((s, e, (i, k)))
        if row:
            supply += n
            if n == 1 and all(len(cand.bed_classes[k]) == 1 for k in cand.arc_beds[i]):
                model.add_at_most_one(row)
            else:
                model.add(sum(row) <= n)
    for k, stays in by_class.items():
        m = len(cand.bed_classes[k])
        for group in _cliques(stays):
            if sum(tops[a] for a in group) > m:
                if m == 1 and all(tops[a] == 1 for a in group):
                    model.add_at_most_one(x[a] for a in group)
                else:
                    model.add(sum(x[a] for a in group) <= m)
    for ks in rooms.values():
        _room(model, cand, x, tops, [a for k in ks for a in by_class.get(k, ())])
    if not x:
        return Piece({}, 0, 0, True)
    housed = sum(x.values())
    cost = sum(units[a] * x[a] for a in x)
    for a, var in x.items():
        model.add_hint(var, hint.get(a, 0))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.random_seed = 0
    hinted = sum(hint.values())
    best_housed = hinted
    housed_bound = supply
    proven_housed = hinted >= supply
    if not proven_housed:
        model.maximize(housed)
        solver.parameters.max_time_in_seconds = max(0.05, seconds / 3)
        status = solver.solve(model)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            best_housed = max(best_housed, round(solver.objective_value))
            housed_bound = min(supply, int(solver.best_objective_bound + 1e-6))
            proven_housed = status == cp_model.OPTIMAL
            if best_housed > hinted:
                model.clear_hints()
                for var in x.values():
                    model.add_hint(var, solver.value(var))
        else:
            return None
    model.add(housed >= best_housed)
    model.minimize(cost)
    solver.parameters.max_time_in_seconds = max(0.05, seconds - (time.perf_counter() - started))
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    counts = {a: int(solver.value(var)) for a, var in x.items() if solver.value(var)}
    return Piece(
        counts,
        max(housed_bound, sum(counts.values())),
        int(solver.best_objective_bound + 1e-6),
        proven_housed and status == cp_model.OPTIMAL,
    )


def _room(
    model: cp_model.CpModel,
    cand: Candidates,
    x: dict[tuple[int, int], cp_model.IntVar],
    tops: dict[tuple[int, int], int],
    stays: list[tuple[date, date, tuple[int, int]]],
) -> None:
    """The same-gender rule of one room, on every night starting at an arrival."""
    used: dict[tuple[int, int], cp_model.IntVar] = {}
    for _, _, a in stays:
        var = x[a]
        if tops[a] == 1:
            used[a] = var
        else:
            b = used[a] = model.new_bool_var("")
            model.add(var <= tops[a] * b)
    for p in sorted({s for s, _, _ in stays}):
        here = [a for s, e, a in stays if s <= p < e]
        gender_of = {a: cand.requests[cand.request_classes[a[0]][0]] for a in here}
        present = {
            g: model.new_bool_var("") for g in sorted({r.gender for r in gender_of.values()})
        }
        if len(present) < 2:
            continue
        for a in here:
            r = gender_of[a]
            model.add_implication(used[a], present[r.gender])
            if r.same_gender_only:
                for g, y in present.items():
                    if g != r.gender:
                        model.add_implication(used[a], y.Not())


def hand_out(
    cand: Candidates, counts: dict[tuple[int, int], int], assignment: dict[int, tuple[int, int]]
) -> None:
    """Beds for class counts: members of a request class take its cheapest arcs in id
    order; a bed class's stays, by arrival, each take the lowest free bed (never short:
    at most as many stays as beds share any night)."""
    items: dict[int, list[tuple[date, date, int, int]]] = {}
    for i in sorted({i for i, _ in counts}):
        ids = iter(cand.request_classes[i])
        s, e = cand.stays[i]
        for k in cand.arc_beds[i]:  # cheapest first
            for _ in range(counts.get((i, k), 0)):
                items.setdefault(k, []).append((s, e, next(ids), i))
    for k, stays in items.items():
        free_from: dict[int, date] = {}
        for s, e, rid, i in sorted(stays):
            bed = next(b for b in cand.bed_classes[k] if free_from.get(b, s) <= s)
            free_from[bed] = e
            assignment[rid] = (bed, i)
