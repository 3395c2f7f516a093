"""Components that are not transportation problems, at the level of single requests and
beds: the clique-core restriction solved as a flow, greedy insertion, the rolling
day-by-day assignment, the assignment of a subset alone, and an exact branch and bound."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date

from .flow import _flow_to_beds, _transport
from .model import Candidates


class _Small:
    """A component at the level of single requests and beds (for non-clique components)."""

    def __init__(self, reqs: list[tuple[int, date, date]], cands: list[list[tuple[int, int, int]]]):
        self.reqs = reqs  # (request id, start, end)
        self.cands = cands  # per request: (units, bed id, bed class), cheapest first
        units = [u for cs in cands for u, _, _ in cs]
        self.big = 1 + len(reqs) * max(units, default=0)

    def value(self, assign: dict[int, tuple[int, int]]) -> int:
        """Objective of an assignment {request index: (bed, units)}: lower is better."""
        return sum(u - self.big for _, u in assign.values())

    @staticmethod
    def _free(occ: dict[int, list[tuple[date, date]]], bed: int, s: date, e: date) -> bool:
        return not any(a < e and s < b for a, b in occ.get(bed, ()))

    def greedy(self) -> dict[int, tuple[int, int]]:
        """Requests in id order, each takes its first free candidate (as `greedy` does)."""
        occ: dict[int, list[tuple[date, date]]] = {}
        assign: dict[int, tuple[int, int]] = {}
        for k in sorted(range(len(self.reqs)), key=lambda k: self.reqs[k][0]):
            _, s, e = self.reqs[k]
            for u, bed, _ in self.cands[k]:
                if self._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, u)
                    break
        return assign

    def insert(self, assign: dict[int, tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """`assign` plus, in order, each request left out on its cheapest bed still free."""
        assign = dict(assign)
        occ: dict[int, list[tuple[date, date]]] = {}
        for k, (bed, _) in assign.items():
            occ.setdefault(bed, []).append(self.reqs[k][1:])
        for k, (_, s, e) in enumerate(self.reqs):
            if k in assign:
                continue
            for u, bed, _ in self.cands[k]:
                if self._free(occ, bed, s, e):
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, u)
                    break
        return assign

    def assign_alone(self, subset: list[int]) -> dict[int, tuple[int, int]]:
        """The requests `subset` alone, at most one a bed: exactly as many and as cheap as can be."""
        column: dict[int, int] = {}
        cols: list[list[int]] = []
        costs: list[list[int]] = []
        for k in subset:
            row_cols, row_costs = [], []
            for u, bed, _ in self.cands[k]:
                row_cols.append(column.setdefault(bed, len(column)))
                row_costs.append(u)
            cols.append(row_cols)
            costs.append(row_costs)
        beds = list(column)
        flows = _transport([1] * len(subset), [1] * len(beds), cols, costs)
        assign: dict[int, tuple[int, int]] = {}
        for k, row_cols, row_costs, flow in zip(subset, cols, costs, flows, strict=True):
            for j in flow:
                assign[k] = (beds[j], row_costs[row_cols.index(j)])
        return assign

    def rolling(self) -> dict[int, tuple[int, int]]:
        """Arrival days in order; each day's arrivals get an exact assignment on free beds."""
        occ: dict[int, list[tuple[date, date]]] = {}
        assign: dict[int, tuple[int, int]] = {}
        order = sorted(range(len(self.reqs)), key=lambda k: (self.reqs[k][1], self.reqs[k][0]))
        i = 0
        while i < len(order):
            day = self.reqs[order[i]][1]
            batch = []
            while i < len(order) and self.reqs[order[i]][1] == day:
                batch.append(order[i])
                i += 1
            column: dict[int, int] = {}
            beds: list[int] = []
            cols: list[list[int]] = []
            costs: list[list[int]] = []
            for k in batch:
                _, s, e = self.reqs[k]
                row_cols, row_costs = [], []
                for u, bed, _ in self.cands[k]:
                    if self._free(occ, bed, s, e):
                        if bed not in column:
                            column[bed] = len(beds)
                            beds.append(bed)
                        row_cols.append(column[bed])
                        row_costs.append(u)
                cols.append(row_cols)
                costs.append(row_costs)
            flows = _transport([1] * len(batch), [1] * len(beds), cols, costs)
            for k, row_cols, row_costs, flow in zip(batch, cols, costs, flows, strict=True):
                for j in flow:
                    bed = beds[j]
                    _, s, e = self.reqs[k]
                    occ.setdefault(bed, []).append((s, e))
                    assign[k] = (bed, row_costs[row_cols.index(j)])
        return assign

    def branch_and_bound(
        self, incumbent: dict[int, tuple[int, int]], limit: int
    ) -> tuple[dict[int, tuple[int, int]] | None, int]:
        """The optimum (starting from `incumbent`), or None after `limit` search nodes; and
        the nodes searched."""
        n = len(self.reqs)
        order = sorted(
            range(n), key=lambda k: (len(self.cands[k]), self.reqs[k][1], self.reqs[k][0])
        )
        bound = [0] * (n + 1)
        for p in range(n - 1, -1, -1):
            cs = self.cands[order[p]]
            bound[p] = bound[p + 1] + (cs[0][0] - self.big if cs else 0)
        best = [self.value(incumbent), dict(incumbent)]
        occ: dict[int, list[tuple[date, date]]] = {}
        current: dict[int, tuple[int, int]] = {}
        nodes = [0]

        class _Stop(Exception):
            pass

        def dfs(p: int, value: int) -> None:
            nodes[0] += 1
            if nodes[0] > limit:
                raise _Stop
            if value + bound[p] >= best[0]:
                return
            if p == n:
                best[0] = value
                best[1] = dict(current)
                return
            k = order[p]
            _, s, e = self.reqs[k]
            tried: set[tuple] = set()
            for u, bed, bed_class in self.cands[k]:
                if not self._free(occ, bed, s, e):
                    continue
                state = (bed_class, tuple(occ.get(bed, ())))
                if state in tried:  # an identical bed in the same state: same subtree
                    continue
                tried.add(state)
                occ.setdefault(bed, []).append((s, e))
                current[k] = (bed, u)
                dfs(p + 1, value + u - self.big)
                del current[k]
                occ[bed].pop()
            dfs(p + 1, value)

        try:
            dfs(0, 0)
        except _Stop:
            return None, limit
        return best[1], nodes[0]


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
