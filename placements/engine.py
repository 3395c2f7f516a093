"""Suggest a rotation schedule: trainees × periods, each cell a site, within capacity.

No Django: pure domain code over OR-Tools' min-cost flow and numpy, so that it can be
tested and benchmarked on its own; the coordinator reviews the suggestion before anything is
saved.

Hard rules: a trainee is placed only at one of its eligible sites (`eligible_sites`), in the
periods it lists, at most once per period; a site never holds more trainees in a period than
its capacity, counting the fixed assignments; fixed assignments are never moved and their
cells are never assigned again.

Objective, period by period in sorted order (periods are independent except for the
continuity level, which looks at the period before):

1. fill as many cells as possible (a maximum bipartite b-matching);
2. among those, the most first choices, then the most second choices, and so on (a
   rank-maximal assignment), a site of the trainee's specialty that it did not rank coming
   last;
3. among those, keep trainees at the site they hold in the period before (or, if fixed, in
   the period after);
4. among those, the better ranks and the places to the lower ids (a weighted sum), so that
   the answer never depends on the order of the input.

How: each period is a min-cost max-flow (source → trainee → site → sink) solved by OR-Tools.
The levels become integer weights, each worth more than all below it can add up to; as many
consecutive levels as fit in OR-Tools' 64-bit costs share one solve. When they do not all fit
(large cohorts with long preference lists), the next solve runs on the flows the first one
left optimal: the optimal flow's potentials (shortest distances in its residual graph,
contracted onto the sites) fix every arc with a negative reduced cost and close every arc
with a positive one, which by complementary slackness leaves exactly the optima so far.
bench/schedule.py compares it with a direct OR-Tools flow and first-fit.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from ortools.graph.python import min_cost_flow

__all__ = [
    "Assignment",
    "Site",
    "Suggestion",
    "Trainee",
    "eligible_sites",
    "first_fit",
    "suggest",
]


@dataclass(frozen=True)
class Site:
    """A place trainees rotate through (a hospital department).

    `capacity` maps a period to its number of places; a period missing from the mapping has
    none (the site is closed that period).
    """

    id: int
    specialty: int | None
    capacity: Mapping[int, int]


@dataclass(frozen=True)
class Trainee:
    """A trainee to place in each of `periods`, preferring `preferences` (most wanted first)."""

    id: int
    specialty: int | None
    preferences: tuple[int, ...]
    periods: tuple[int, ...]


@dataclass(frozen=True)
class Assignment:
    """Trainee `trainee` is at site `site` in period `period`."""

    trainee: int
    period: int
    site: int


@dataclass
class Suggestion:
    """The outcome of `suggest` or `first_fit`; only new assignments, never the fixed ones."""

    assignments: list[Assignment]
    unplaced: list[tuple[int, int]]
    first_choices: int
    ranked: int


def eligible_sites(trainee: Trainee, sites: Sequence[Site]) -> list[int]:
    """Ranked preferences first (in order, only existing sites), then the other sites of the trainee's specialty (by id).

    A preference repeated or naming no site is skipped; a trainee without a specialty is
    eligible for its preferences only.
    """
    existing = {site.id for site in sites}
    ranked = _ranked(trainee, existing)
    if trainee.specialty is None:
        return ranked
    chosen = set(ranked)
    others = sorted(
        {site.id for site in sites if site.specialty == trainee.specialty and site.id not in chosen}
    )
    return ranked + others


def suggest(
    trainees: Sequence[Trainee], sites: Sequence[Site], fixed: Sequence[Assignment] = ()
) -> Suggestion:
    """Suggest new assignments: maximum coverage, then rank-maximal, then continuity.

    See the module docstring for the objective. The result does not depend on the order of
    `trainees` or `sites`, and the same input always gives the same output.
    """
    plan = _Plan(trainees, sites, fixed)
    placed: dict[tuple[int, int], int] = dict(plan.fixed_cells)
    assignments: list[Assignment] = []
    unplaced: list[tuple[int, int]] = []
    for period in plan.periods:
        solver = _PeriodSolver(plan, period, placed)
        for trainee_id, site_id in solver.solve().items():
            if site_id is None:
                unplaced.append((trainee_id, period))
            else:
                placed[trainee_id, period] = site_id
                assignments.append(Assignment(trainee_id, period, site_id))
    return plan.suggestion(assignments, unplaced)


def first_fit(
    trainees: Sequence[Trainee], sites: Sequence[Site], fixed: Sequence[Assignment] = ()
) -> Suggestion:
    """Naive baseline: trainees in the given order, periods in order, each takes the first eligible site with room."""
    plan = _Plan(trainees, sites, fixed)
    used = dict(plan.used)
    assignments: list[Assignment] = []
    unplaced: list[tuple[int, int]] = []
    for trainee in trainees:
        for period in sorted(set(trainee.periods)):
            if (trainee.id, period) in plan.fixed_cells:
                continue
            for site_id in plan.eligible[trainee.id]:
                key = (site_id, period)
                if used.get(key, 0) < plan.capacity(site_id, period):
                    used[key] = used.get(key, 0) + 1
                    assignments.append(Assignment(trainee.id, period, site_id))
                    break
            else:
                unplaced.append((trainee.id, period))
    return plan.suggestion(assignments, unplaced)


def _ranked(trainee: Trainee, existing: set[int] | Mapping[int, Site]) -> list[int]:
    """The trainee's preferences that name a site, without repeats, in order."""
    ranked: list[int] = []
    for site_id in trainee.preferences:
        if site_id in existing and site_id not in ranked:
            ranked.append(site_id)
    return ranked


class _Plan:
    """What both algorithms need to know about the input, checked and indexed."""

    def __init__(
        self, trainees: Sequence[Trainee], sites: Sequence[Site], fixed: Iterable[Assignment]
    ) -> None:
        self.sites = {site.id: site for site in sites}
        if len(self.sites) != len(sites):
            raise ValueError("two sites share an id")
        self.trainees = {trainee.id: trainee for trainee in trainees}
        if len(self.trainees) != len(trainees):
            raise ValueError("two trainees share an id")
        ordered_sites = [self.sites[site_id] for site_id in sorted(self.sites)]
        self.eligible = {t.id: eligible_sites(t, ordered_sites) for t in trainees}
        self.ranked = {t.id: _ranked(t, self.sites) for t in trainees}
        # Each trainee's eligible sites with their rank in its preferences (None: unranked).
        # Every (trainee, eligible site) pair once, as arrays: trainee and site positions (in
        # id order) and the rank in the trainee's preferences (-1: an unranked site).
        self.order = sorted(self.trainees)
        self.site_order = sorted(self.sites)
        site_pos = {site_id: i for i, site_id in enumerate(self.site_order)}
        pairs = [
            (k, site_pos[site_id], rank.get(site_id, -1))
            for k, t_id in enumerate(self.order)
            for rank in ({s: r for r, s in enumerate(self.ranked[t_id])},)
            for site_id in self.eligible[t_id]
        ]
        self.pairs = np.array(pairs, dtype=np.int64).reshape(-1, 3)
        self.depths = np.array([len(self.ranked[t]) for t in self.order], dtype=np.int64)
        self.fixed_cells: dict[tuple[int, int], int] = {}
        self.used: dict[tuple[int, int], int] = {}
        for assignment in fixed:
            self.fixed_cells.setdefault((assignment.trainee, assignment.period), assignment.site)
            key = (assignment.site, assignment.period)
            self.used[key] = self.used.get(key, 0) + 1
        self.periods = sorted({period for trainee in trainees for period in trainee.periods})
        # Each trainee's own calendar (its periods and its fixed ones), for continuity.
        calendar: dict[int, set[int]] = {t.id: set(t.periods) for t in trainees}
        for trainee_id, period in self.fixed_cells:
            if trainee_id in calendar:
                calendar[trainee_id].add(period)
        self.calendar = {trainee_id: sorted(days) for trainee_id, days in calendar.items()}

    def capacity(self, site_id: int, period: int) -> int:
        """Places of a site in a period, before any assignment."""
        return max(0, self.sites[site_id].capacity.get(period, 0))

    def room(self, site_id: int, period: int) -> int:
        """Places left once the fixed assignments are counted."""
        return max(0, self.capacity(site_id, period) - self.used.get((site_id, period), 0))

    def neighbours(self, trainee_id: int, period: int) -> tuple[int | None, int | None]:
        """The trainee's period before and after `period` in its own calendar."""
        days = self.calendar[trainee_id]
        low = bisect_left(days, period)  # the calendar is sorted and holds `period`
        before = days[low - 1] if low > 0 else None
        after = days[low + 1] if low + 1 < len(days) else None
        return before, after

    def suggestion(
        self, assignments: list[Assignment], unplaced: list[tuple[int, int]]
    ) -> Suggestion:
        """Sort the result and count the preferences it honours."""
        assignments.sort(key=lambda a: (a.trainee, a.period))
        unplaced.sort()
        first = ranked = 0
        for assignment in assignments:
            prefs = self.ranked[assignment.trainee]
            if assignment.site in prefs:
                ranked += 1
                first += prefs[0] == assignment.site
        return Suggestion(assignments, unplaced, first, ranked)


class _PeriodSolver:
    """One period as a min-cost max-flow (source → trainee → site → sink) solved by OR-Tools,
    with the lexicographic objective taken level by level.

    Levels, best first: first choices, second choices, …, then staying put, then a tie-break
    that gives the better ranks and the places to the lower ids (a weighted sum, so that the
    answer does not depend on the input order). Consecutive levels share one solve when their
    combined integer weights fit OR-Tools' 64-bit cost range; between solves, the optimal
    flow's potentials (shortest distances in its residual graph, contracted onto the sites)
    fix every arc that an optimum of the levels solved so far must use (negative reduced cost)
    or must not use (positive reduced cost). By complementary slackness the flows left are
    exactly the optima so far, so the next levels are optimised among them only.
    """

    def __init__(self, plan: _Plan, period: int, placed: Mapping[tuple[int, int], int]) -> None:
        in_period = np.array(
            [
                period in plan.trainees[t].periods and (t, period) not in plan.fixed_cells
                for t in plan.order
            ],
            dtype=bool,
        )
        positions = np.flatnonzero(in_period)
        self.cells = [plan.order[k] for k in positions]
        n = len(self.cells)
        room = np.array([plan.room(s, period) for s in plan.site_order], dtype=np.int64)
        trainee, site, rank = plan.pairs.T
        keep = in_period[trainee] & (room[site] > 0)  # a site without room takes nobody
        trainee, site, rank = trainee[keep], site[keep], rank[keep]
        used_sites = np.unique(site)
        self.site_ids = [plan.site_order[i] for i in used_sites]
        self.capacity = room[used_sites]
        cell_index = np.full(len(plan.order), -1, dtype=np.int64)
        cell_index[positions] = np.arange(n)
        site_index = np.full(len(plan.site_order), -1, dtype=np.int64)
        site_index[used_sites] = np.arange(len(used_sites))
        self.tail, self.head = cell_index[trainee], site_index[site]
        depth = int(plan.depths[positions].max(initial=0))
        rank = np.where(rank < 0, depth, rank)
        # Continuity: the site held the period before (fixed or suggested, earlier periods go
        # first) and, if fixed, the period after; -1 when none.
        site_pos = {site_id: i for i, site_id in enumerate(plan.site_order)}
        held = np.full((len(plan.order), 2), -1, dtype=np.int64)
        for k in positions:
            before, after = plan.neighbours(plan.order[k], period)
            held[k, 0] = site_pos.get(placed.get((plan.order[k], before)), -1)
            if after is not None:
                held[k, 1] = site_pos.get(plan.fixed_cells.get((plan.order[k], after)), -1)
        stays = (site == held[trainee, 0]).astype(np.int64) + (site == held[trainee, 1])
        # Each level: (cost of each arc, bound on |total cost| of any flow); lower is better.
        self.levels: list[tuple[np.ndarray, int]] = [
            (-(rank == r).astype(np.int64), n) for r in range(depth)
        ]
        self.levels.append((-stays, 2 * n))
        tie = (rank - (depth + 1)) * (n - self.tail)  # lower ids weigh more
        self.levels.append((tie, (depth + 1) * n * n))

    def solve(self) -> dict[int, int | None]:
        """Place the period's cells; returns trainee id -> site id (None: unplaced)."""
        result: dict[int, int | None] = dict.fromkeys(self.cells)
        if not len(self.tail):
            return result
        state = _FlowState(len(self.cells), self.capacity, self.tail, self.head)
        groups = _groups(self.levels, len(self.cells) + len(self.site_ids) + 2)
        for number, cost in enumerate(groups):
            flow = state.solve(cost, first=number == 0)
            if number + 1 < len(groups):
                state.restrict(cost, flow)
        for arc in np.flatnonzero(flow):
            result[self.cells[self.tail[arc]]] = self.site_ids[self.head[arc]]
        return result


_COST_LIMIT = 2**62 // 16  # OR-Tools scales costs by the node count; keep a margin


def _groups(levels: list[tuple[np.ndarray, int]], nodes: int) -> list[np.ndarray]:
    """Consecutive levels merged into as few integer cost vectors as fit in 64 bits."""
    groups: list[np.ndarray] = []
    start = 0
    while start < len(levels):
        end = start + 1
        while end < len(levels) and _weights(levels[start : end + 1], nodes) is not None:
            end += 1
        weights = _weights(levels[start:end], nodes)
        if weights is None:
            raise OverflowError("a single level does not fit OR-Tools' cost range")
        total = np.zeros_like(levels[0][0])
        for (cost, _bound), weight in zip(levels[start:end], weights, strict=True):
            total += weight * cost
        groups.append(total)
        start = end
    return groups


def _weights(levels: list[tuple[np.ndarray, int]], nodes: int) -> list[int] | None:
    """Multipliers making the levels lexicographic (each outweighs all below it), or None
    when the merged cost would not fit."""
    weights = [1]
    below = 0  # the most the levels below can change the total by
    for _cost, bound in reversed(levels[1:]):
        below += weights[0] * 2 * bound
        weights.insert(0, below + 1)
    largest = sum(
        w * int(np.abs(c).max(initial=0)) for w, (c, _b) in zip(weights, levels, strict=True)
    )
    return weights if largest * (nodes + 1) < _COST_LIMIT else None


class _FlowState:
    """What the optima so far leave open: free arcs, trainees that must be placed, sites
    whose places must all be filled, and the flow that the later solves must carry."""

    def __init__(self, n: int, capacity: np.ndarray, tail: np.ndarray, head: np.ndarray) -> None:
        self.n, self.m = n, len(capacity)
        self.tail, self.head = tail, head
        self.capacity = capacity.copy()  # places still open at each site
        self.free = np.ones(len(tail), dtype=bool)  # arcs still open
        self.fixed = np.zeros(len(tail), dtype=bool)  # arcs every optimum uses
        self.open = np.ones(n, dtype=bool)  # trainees still to decide
        self.must_place = np.zeros(n, dtype=bool)
        self.must_fill = np.zeros(self.m, dtype=bool)
        self.total = 0  # flow through the open part (set by the first solve)

    def solve(self, cost: np.ndarray, *, first: bool) -> np.ndarray:
        """Min-cost flow over the open part; returns the flow of every arc (fixed ones 1)."""
        n, m = self.n, self.m
        source, sink = n + m, n + m + 1
        arcs = np.flatnonzero(self.free)
        trainees = np.flatnonzero(self.open & ~self.must_place)
        sites = np.flatnonzero(~self.must_fill & (self.capacity > 0))
        solver = min_cost_flow.SimpleMinCostFlow()
        solver.add_arcs_with_capacity_and_unit_cost(
            np.concatenate([self.tail[arcs], np.full(len(trainees), source), n + sites]),
            np.concatenate([n + self.head[arcs], trainees, np.full(len(sites), sink)]),
            np.concatenate(
                [np.ones(len(arcs) + len(trainees), dtype=np.int64), self.capacity[sites]]
            ),
            np.concatenate([cost[arcs], np.zeros(len(trainees) + len(sites))]).astype(np.int64),
        )
        if first:  # as much flow as can pass from the source to the sink, at least cost
            solver.set_node_supply(source, n)
            solver.set_node_supply(sink, -n)
            status = solver.solve_max_flow_with_min_cost()
            self.total = solver.maximum_flow()
        else:
            supply = np.zeros(n + m + 2, dtype=np.int64)
            placed = np.flatnonzero(self.open & self.must_place)
            supply[placed] = 1
            filled = np.flatnonzero(self.must_fill)
            supply[n + filled] = -self.capacity[filled]
            supply[source] = self.total - len(placed)
            supply[sink] = -(self.total - int(self.capacity[filled].sum()))
            solver.set_nodes_supplies(np.arange(n + m + 2), supply)
            status = solver.solve()
        if status != solver.OPTIMAL:
            raise RuntimeError(f"the schedule flow was not solved ({status})")
        flow = self.fixed.astype(np.int64)
        flow[arcs] = solver.flows(np.arange(len(arcs)))
        return flow

    def restrict(self, cost: np.ndarray, flow: np.ndarray) -> None:
        """Keep only what an optimum of `cost` may do (complementary slackness)."""
        n, m = self.n, self.m
        source, sink = m, m + 1  # in the contracted graph: sites, then source and sink
        used = flow.astype(bool) & self.free
        at = np.full(n, -1)
        at[self.tail[used]] = self.head[used]
        here = np.zeros(n, dtype=np.int64)  # cost of each placed trainee's arc
        here[self.tail[used]] = cost[used]
        big = np.int64(2**61)
        graph = np.full((m + 2, m + 2), big, dtype=np.int64)
        idle = self.free & ~used
        t_idle = self.tail[idle]
        from_site = at[t_idle]
        placed_idle = from_site >= 0
        # A placed trainee moves from its site to another: s0 → s.
        np.minimum.at(
            graph,
            (from_site[placed_idle], self.head[idle][placed_idle]),
            cost[idle][placed_idle] - here[t_idle[placed_idle]],
        )
        # An unplaced trainee joins a site: source → s.
        unplaced = ~placed_idle & self.open[t_idle]
        np.minimum.at(
            graph,
            (np.full(int(unplaced.sum()), source), self.head[idle][unplaced]),
            cost[idle][unplaced],
        )
        # A placed trainee that may stay unplaced is taken out: s0 → source.
        out = self.tail[used][~self.must_place[self.tail[used]]]
        np.minimum.at(graph, (at[out], np.full(len(out), source)), -here[out])
        load = np.bincount(self.head[used], minlength=m)
        open_sites = ~self.must_fill
        graph[np.flatnonzero(open_sites & (load < self.capacity)), sink] = 0
        graph[sink, np.flatnonzero(open_sites & (load > 0))] = 0
        # Shortest distances from a root joined to every node (trainees included) at 0.
        dist = np.zeros(m + 2, dtype=np.int64)
        joins = np.full(m, big, dtype=np.int64)
        np.minimum.at(joins, self.head[idle], cost[idle])
        dist[:m] = np.minimum(0, joins)
        for _ in range(m + 3):
            better = np.minimum(dist, (dist[:, None] + graph).min(axis=0))
            if np.array_equal(better, dist):
                break
            dist = better
        else:  # pragma: no cover - the flow is optimal, so there is no negative cycle
            raise RuntimeError("the schedule flow is not optimal")
        # Each trainee's distance: the root, the source (unplaced), or via its site (placed).
        d_trainee = np.zeros(n, dtype=np.int64)
        waiting = self.open & (at < 0)
        d_trainee[waiting] = np.minimum(0, dist[source])
        placed = at >= 0
        d_trainee[placed] = np.minimum(0, dist[at[placed]] - here[placed])
        reduced = cost + d_trainee[self.tail] - dist[self.head]
        # Arcs: unused with a positive reduced cost close; used with a negative one are fixed.
        self.free &= ~(idle & (reduced > 0))
        fix = used & (reduced < 0)
        if fix.any():
            self.fixed |= fix
            done = np.zeros(n, dtype=bool)
            done[self.tail[fix]] = True
            self.free &= ~done[self.tail]
            self.open &= ~done
            self.total -= int(fix.sum())
            np.subtract.at(self.capacity, self.head[fix], 1)
            np.subtract.at(load, self.head[fix], 1)
        # Source arcs: a waiting trainee never placed; a placed one always placed.
        never = waiting & (dist[source] - d_trainee > 0)
        self.open &= ~never
        self.free &= self.open[self.tail] | self.fixed
        self.must_place |= self.open & placed & (dist[source] - d_trainee < 0)
        # Sink arcs: an empty site stays empty; a full one stays full.
        rc_sink = dist[:m] - dist[sink]
        self.capacity[open_sites & (load == 0) & (rc_sink > 0)] = 0
        self.must_fill |= open_sites & (load == self.capacity) & (rc_sink < 0) & (load > 0)
        self.free &= (self.capacity[self.head] > 0) | self.fixed
