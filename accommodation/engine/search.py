"""Pieces that are not transportation problems, at the level of single requests and beds:
the quick answers that seed CP-SAT (greedy insertion, one trainee per bed as a min-cost
flow, the clique-core restriction solved as a flow) and that its answer is checked
against."""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from datetime import date

from .flow import _flow_to_beds, _transport
from .model import Candidates


def _small(
    cand: Candidates, rows: list[int], rooms: dict[str, list[int]]
) -> tuple[_Small, list[int]]:
    """The piece of request classes `rows` at the level of single requests (members of a
    class in id order) and the class of each; `rooms`: those whose gender rule binds."""
    reqs: list[tuple[int, date, date]] = []
    cands: list[list[tuple[int, int, int]]] = []
    people: list[tuple[str, bool]] = []
    owner: list[int] = []
    for i in rows:
        s, e = cand.stays[i]
        options = [  # cheapest first, ties by bed class then bed id, as in `greedy`
            (u, bed, k)
            for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
            for bed in cand.bed_classes[k]
        ]
        for rid in cand.request_classes[i]:
            r = cand.requests[rid]
            reqs.append((rid, s, e))
            cands.append(options)
            people.append((r.gender, r.same_gender_only))
            owner.append(i)
    mates: dict[int, tuple[int, ...]] = {}
    for ks in rooms.values():
        beds = [bed for k in ks for bed in cand.bed_classes[k]]
        for bed in beds:
            mates[bed] = tuple(b for b in beds if b != bed)
    return _Small(reqs, cands, people, mates), owner


class _Small:
    """A piece at the level of single requests and beds: the quick answers that seed the
    solver and that it must never do worse than."""

    def __init__(
        self,
        reqs: list[tuple[int, date, date]],
        cands: list[list[tuple[int, int, int]]],
        people: list[tuple[str, bool]] | None = None,
        rooms: dict[int, tuple[int, ...]] | None = None,
    ):
        self.reqs = reqs  # (request id, start, end)
        self.cands = cands  # per request: (units, bed id, bed class), cheapest first
        self.people = people or []  # per request: (gender, same gender only)
        self.rooms = rooms or {}  # bed -> the other beds of its room (where the rule binds)
        units = [u for cs in cands for u, _, _ in cs]
        self.big = 1 + len(reqs) * max(units, default=0)

    def value(self, assign: dict[int, tuple[int, int]]) -> int:
        """Objective of an assignment {request index: (bed, units)}: lower is better."""
        return sum(u - self.big for _, u in assign.values())

    def fits(self, occ: dict[int, list[tuple[date, date, int]]], k: int, bed: int) -> bool:
        """Request k may take `bed` next to the stays in `occ` (nights, same-gender rooms)."""
        _, s, e = self.reqs[k]
        if any(a < e and s < b for a, b, _ in occ.get(bed, ())):
            return False
        mates = self.rooms.get(bed)
        if not mates:
            return True
        gender, alike = self.people[k]
        for other in mates:
            for a, b, j in occ.get(other, ()):
                if a < e and s < b and self.people[j][0] != gender and (alike or self.people[j][1]):
                    return False
        return True

    def greedy(self, order: list[int] | None = None) -> dict[int, tuple[int, int]]:
        """Requests in id order (or `order`), each takes its first candidate that fits."""
        if order is None:
            order = sorted(range(len(self.reqs)), key=lambda k: self.reqs[k][0])
        return self.insert({}, order)

    def insert(
        self, assign: dict[int, tuple[int, int]], order: list[int] | None = None
    ) -> dict[int, tuple[int, int]]:
        """`assign` (what of it fits, in request order) plus each request left out on its
        cheapest bed that still fits."""
        kept: dict[int, tuple[int, int]] = {}
        occ: dict[int, list[tuple[date, date, int]]] = {}
        for k in sorted(assign):
            bed, u = assign[k]
            if self.fits(occ, k, bed):
                occ.setdefault(bed, []).append((*self.reqs[k][1:], k))
                kept[k] = (bed, u)
        for k in order if order is not None else range(len(self.reqs)):
            if k in kept:
                continue
            for u, bed, _ in self.cands[k]:
                if self.fits(occ, k, bed):
                    occ.setdefault(bed, []).append((*self.reqs[k][1:], k))
                    kept[k] = (bed, u)
                    break
        return kept

    def guided(self, weight: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
        """LP rounding: requests by their largest LP value, each takes the fitting bed
        whose class has the largest value for it (then the cheapest); `weight` is keyed by
        (request index, bed class)."""
        top = [
            max((weight.get((k, c), 0.0) for _, _, c in cs), default=0.0)
            for k, cs in enumerate(self.cands)
        ]
        order = sorted(range(len(self.reqs)), key=lambda k: (-round(top[k], 6), self.reqs[k][0]))
        occ: dict[int, list[tuple[date, date, int]]] = {}
        assign: dict[int, tuple[int, int]] = {}
        for k in order:
            options = sorted(
                self.cands[k], key=lambda o: (-round(weight.get((k, o[2]), 0.0), 6), o[0])
            )
            for u, bed, _ in options:
                if self.fits(occ, k, bed):
                    occ.setdefault(bed, []).append((*self.reqs[k][1:], k))
                    assign[k] = (bed, u)
                    break
        return assign

    def augment(
        self, assign: dict[int, tuple[int, int]], until: float, depth: int = 2
    ) -> dict[int, tuple[int, int]]:
        """More housed by augmenting chains: a request left out takes a bed whose one
        overlapping stay moves on to another bed, and so on (`depth` moves at most), until
        `until` (a `time.perf_counter` value)."""
        assign = dict(assign)
        occ: dict[int, list[tuple[date, date, int]]] = {}
        for k, (bed, _) in sorted(assign.items()):
            occ.setdefault(bed, []).append((*self.reqs[k][1:], k))

        def place(k: int, left: int, seen: frozenset[int]) -> bool:
            if time.perf_counter() > until:
                return False
            _, s, e = self.reqs[k]
            for u, bed, _ in self.cands[k]:
                if bed not in seen and self.fits(occ, k, bed):
                    occ.setdefault(bed, []).append((s, e, k))
                    assign[k] = (bed, u)
                    return True
            if left == 0:
                return False
            for u, bed, _ in self.cands[k]:
                if bed in seen:
                    continue
                clash = [item for item in occ.get(bed, ()) if item[0] < e and s < item[1]]
                if len(clash) != 1:
                    continue
                item = clash[0]
                j = item[2]
                occ[bed].remove(item)
                if self.fits(occ, k, bed):
                    occ[bed].append((s, e, k))
                    old = assign.pop(j)
                    assign[k] = (bed, u)
                    if place(j, left - 1, seen | {bed}):
                        return True
                    occ[bed].remove((s, e, k))
                    del assign[k]
                    assign[j] = old
                occ[bed].append(item)
            return False

        for k in range(len(self.reqs)):
            if k not in assign and self.cands[k]:
                place(k, depth, frozenset())
        return assign

    def one_per_bed(self) -> dict[int, tuple[int, int]]:
        """One trainee per bed at most, whatever the dates: a min-cost maximum flow (the
        floor the answer never goes below)."""
        column: dict[int, int] = {}
        cols: list[list[int]] = []
        costs: list[list[int]] = []
        for options in self.cands:
            row_cols, row_costs = [], []
            for u, bed, _ in options:
                row_cols.append(column.setdefault(bed, len(column)))
                row_costs.append(u)
            cols.append(row_cols)
            costs.append(row_costs)
        beds = list(column)
        flows = _transport([1] * len(self.reqs), [1] * len(beds), cols, costs)
        assign: dict[int, tuple[int, int]] = {}
        for k, (row_cols, row_costs, flow) in enumerate(zip(cols, costs, flows, strict=True)):
            for j in flow:
                assign[k] = (beds[j], row_costs[row_cols.index(j)])
        return assign


def _clique_core(
    cand: Candidates,
    rows: list[int],
    slots: list[int],
    arc_slot: list[list[int]],
    slot_class: list[int],
    slot_rows: list[list[int]],
    slot_clique: list[bool],
) -> tuple[dict[int, tuple[int, int]], set[int]]:
    """Heuristic for a general component: exact on a restriction that is a transportation
    problem. In each non-clique slot, keep only the request classes all of whose overlapping
    neighbours overlap each other (each lies in one maximal clique: a cohort, not a stay
    bridging two); those form separate cliques. Requests left out there may still get beds
    elsewhere, and are offered the leftover beds afterwards (`_Small.insert`). Also returns
    the request classes left out somewhere (the "bridging" ones)."""
    stays = cand.stays
    bridging: set[int] = set()
    key_of: dict[tuple[int, int], tuple[int, int]] = {}
    keys: list[tuple[int, int]] = []
    column_class: list[int] = []
    for t in slots:
        members = slot_rows[t]  # by stay
        if slot_clique[t]:
            keys.append((t, 0))
            column_class.append(slot_class[t])
            for i in members:
                key_of[i, t] = (t, 0)
            continue
        starts = sorted(stays[i][0] for i in members)
        ends = sorted(stays[i][1] for i in members)
        group_end = latest = earliest = None
        for i in members:
            s, e = stays[i]
            if starts[bisect_left(starts, e) - 1] >= ends[bisect_right(ends, s)]:
                bridging.add(i)  # lies in two maximal cliques of this slot
                continue
            if group_end is None or s >= group_end:
                keys.append((t, len(keys)))
                column_class.append(slot_class[t])
                group_end, latest, earliest = e, s, e
            else:
                group_end, latest, earliest = max(group_end, e), max(latest, s), min(earliest, e)
                if latest >= earliest:  # cannot happen; never risk an overlap
                    continue
            key_of[i, t] = keys[-1]
    assignment: dict[int, tuple[int, int]] = {}
    _flow_to_beds(
        cand,
        rows,
        column_class,
        [[key_of.get((i, t)) for t in arc_slot[i]] for i in rows],
        keys,
        assignment,
    )
    return assignment, bridging
