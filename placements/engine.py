"""Suggest a rotation schedule: trainees × periods, each cell a site, within capacity.

Pure Python (standard library only, no Django) so that it can be tested and benchmarked on
its own; the coordinator reviews the suggestion before anything is saved.

Hard rules: a trainee is placed only at one of its eligible sites (`eligible_sites`), in the
periods it lists, at most once per period; a site never holds more trainees in a period than
its capacity, counting the fixed assignments; fixed assignments are never moved and their
cells are never assigned again.

Objective, period by period in sorted order (periods are independent except for the last
tie-break, which looks at the period before):

1. fill as many cells as possible (a maximum bipartite b-matching);
2. among those, the most first choices, then the most second choices, and so on (a
   rank-maximal assignment), a site of the trainee's specialty that it did not rank coming
   last;
3. among those, keep trainees at the site they hold in the period before (or, if fixed, in
   the period after).

How: the three levels become one integer weight per (trainee, site) pair, with each level
worth more than everything below it can add up to, and the period is solved as a min-cost
max-flow (source → trainee → site → sink). A greedy pass by rank gives a good starting
assignment; negative cycles in the residual graph are then cancelled until it is optimal for
its size, and successive shortest augmenting paths (Bellman-Ford/SPFA, since costs are
negative) raise it to full coverage while staying optimal. The residual graph is contracted
onto the sites: a placed trainee only passes flow from its site to another of its sites (or
back to the source), so the graph has a node per site plus source and sink, and an edge
s → s' is the cheapest move of a trainee placed at s. This keeps each search to a few
thousand relaxations, whatever the number of trainees.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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
    """Min-cost max-flow for one period on the residual graph contracted onto the sites.

    Nodes 0..m-1 are the sites with room this period (by id), `source` = m, `sink` = m + 1.
    Edges, as {head: (cost, witness trainee)}:
      source → s   an unplaced trainee joins s (its cost at s);
      s → s'       a trainee at s moves to s' (its cost at s' minus its cost at s);
      s → source   a trainee at s is taken out (minus its cost at s);
      s → sink     s has room;   sink → s   s holds someone (both cost 0).
    A cost is minus the weight of the pair, so that cheaper is better. Parallel edges keep the
    cheapest witness only, which loses nothing for shortest paths and simple cycles: a simple
    path leaves each site once, so its witnesses are distinct trainees.
    """

    def __init__(self, plan: _Plan, period: int, placed: Mapping[tuple[int, int], int]) -> None:
        self.cells = sorted(
            t_id
            for t_id, trainee in plan.trainees.items()
            if period in trainee.periods and (t_id, period) not in plan.fixed_cells
        )
        self.site_ids = sorted(
            {s for t in self.cells for s in plan.eligible[t] if plan.room(s, period)}
        )
        index = {site_id: i for i, site_id in enumerate(self.site_ids)}
        m = len(self.site_ids)
        self.n, self.source, self.sink = m + 2, m, m + 1
        self.room = [plan.room(site_id, period) for site_id in self.site_ids]
        self.load = [0] * m
        self.members: list[set[int]] = [set() for _ in range(m)]
        self.at: dict[int, int | None] = dict.fromkeys(self.cells)

        # Weight of a pair: base**(depth + 1 - rank) + stay, where rank is the position in
        # the trainee's preferences (`depth`, the lowest, for an unranked specialty site) and
        # stay (0-2) counts the neighbouring periods at the same site. With base > 4 × cells,
        # one more pair at a rank outweighs any change at all lower levels together.
        self.depth = max((len(plan.ranked[t]) for t in self.cells), default=0)
        base = 4 * len(self.cells) + 4
        self.cost: dict[int, dict[int, int]] = {}
        self.rank: dict[int, dict[int, int]] = {}
        self.stay: dict[int, dict[int, int]] = {}
        for t in self.cells:
            prefs = plan.ranked[t]
            before, after = plan.neighbours(t, period)
            near = [placed.get((t, before))]  # fixed or suggested, earlier periods go first
            if after is not None:
                near.append(plan.fixed_cells.get((t, after)))  # only fixed ones are known
            cost, rank, stay = {}, {}, {}
            for site_id in plan.eligible[t]:
                i = index.get(site_id)
                if i is None:  # no room this period
                    continue
                rank[i] = prefs.index(site_id) if site_id in prefs else self.depth
                stay[i] = near.count(site_id)
                cost[i] = -(base ** (self.depth + 1 - rank[i]) + stay[i])
            self.cost[t], self.rank[t], self.stay[t] = cost, rank, stay
        self.out: list[dict[int, tuple[int, int | None]]] = [{} for _ in range(self.n)]

    def solve(self) -> dict[int, int | None]:
        """Place the period's cells; returns trainee id -> site id (None: unplaced)."""
        self._greedy()
        for i in range(len(self.site_ids)):
            self._rebuild_site(i)
        self._rebuild_source()
        # Optimal for its size: no negative cycle left in the residual graph.
        while (cycle := self._negative_cycle()) is not None:
            self._apply(cycle)
        # Successive shortest augmenting paths keep it optimal for each size, up to the most.
        while (path := self._shortest_path()) is not None:
            self._apply(path)
        return {t: None if i is None else self.site_ids[i] for t, i in self.at.items()}

    # -- starting point ---------------------------------------------------------------

    def _greedy(self) -> None:
        """Rounds by rank: each site's places go to those who rank it r-th, the trainees
        there in a neighbouring period first, then by id; then unranked specialty sites."""
        waiting = self.cells
        for r in range(self.depth):
            asking: dict[int, list[int]] = {}
            for t in waiting:
                for i, rank in self.rank[t].items():
                    if rank == r:
                        asking.setdefault(i, []).append(t)
            for i in sorted(asking):
                free = self.room[i] - self.load[i]
                if free > 0:
                    for t in sorted(asking[i], key=lambda t, i=i: (-self.stay[t][i], t))[:free]:
                        self._place(t, i)
            waiting = [t for t in waiting if self.at[t] is None]
        for t in waiting:
            best: tuple[int, int, int] | None = None
            for i, rank in self.rank[t].items():
                free = self.room[i] - self.load[i]
                if rank == self.depth and free > 0:
                    key = (self.stay[t][i], free, -i)
                    if best is None or key > best:
                        best = key
            if best is not None:
                self._place(t, -best[2])

    def _place(self, t: int, i: int) -> None:
        self.at[t] = i
        self.members[i].add(t)
        self.load[i] += 1

    # -- residual graph ---------------------------------------------------------------

    def _rebuild_site(self, i: int) -> None:
        """Edges out of site i (and sink → i), from the trainees placed there."""
        edges: dict[int, tuple[int, int | None]] = {}
        for v in sorted(self.members[i]):
            costs = self.cost[v]
            here = costs[i]
            for j, c in costs.items():
                if j != i:
                    d = c - here
                    old = edges.get(j)
                    if old is None or d < old[0]:
                        edges[j] = (d, v)
            old = edges.get(self.source)
            if old is None or -here < old[0]:
                edges[self.source] = (-here, v)
        if self.load[i] < self.room[i]:
            edges[self.sink] = (0, None)
        self.out[i] = edges
        if self.load[i]:
            self.out[self.sink][i] = (0, None)
        else:
            self.out[self.sink].pop(i, None)

    def _rebuild_source(self) -> None:
        """Edges out of the source, from the unplaced trainees."""
        edges: dict[int, tuple[int, int | None]] = {}
        for u in self.cells:
            if self.at[u] is None:
                for j, c in self.cost[u].items():
                    old = edges.get(j)
                    if old is None or c < old[0]:
                        edges[j] = (c, u)
        self.out[self.source] = edges

    def _apply(self, edges: list[tuple[int, int]]) -> None:
        """Move the witnesses of a path or cycle of the contracted graph."""
        moves = [(self.out[a][b][1], b) for a, b in edges if a != self.sink and b != self.sink]
        touched = {a for a, _ in edges} | {b for _, b in edges}
        for t, b in moves:
            assert t is not None
            old = self.at[t]
            if old is not None:
                self.members[old].discard(t)
                self.load[old] -= 1
            new = None if b == self.source else b
            self.at[t] = new
            if new is not None:
                self.members[new].add(t)
                self.load[new] += 1
        for node in sorted(touched):
            if node < self.source:
                self._rebuild_site(node)
        if self.source in touched:
            self._rebuild_source()

    # -- searches (SPFA; the parent tree is checked for a cycle at every relaxation) ----

    def _negative_cycle(self) -> list[tuple[int, int]] | None:
        """A negative cycle of the residual graph as its edges, or None."""
        dist: list[int | None] = [0] * self.n
        return self._spfa(dist, deque(range(self.n)), use_sink=True)[0]

    def _shortest_path(self) -> list[tuple[int, int]] | None:
        """The edges of a cheapest source → sink path, or None if the sink is out of reach."""
        while True:
            dist: list[int | None] = [None] * self.n
            dist[self.source] = 0
            cycle, parent = self._spfa(dist, deque([self.source]), use_sink=False)
            if cycle is None:
                break
            self._apply(cycle)  # cannot happen once optimal for its size; harmless anyway
        if dist[self.sink] is None:
            return None
        edges = []
        node = self.sink
        while node != self.source:
            edges.append((parent[node], node))
            node = parent[node]
        edges.reverse()
        return edges

    def _spfa(
        self, dist: list[int | None], queue: deque[int], *, use_sink: bool
    ) -> tuple[list[tuple[int, int]] | None, list[int]]:
        """Label-correcting search from the nodes in `queue`, whose `dist` is set.

        Returns (edges of a negative cycle, None-if-none) and the parent of each node. A
        relaxation of v from u where v is an ancestor of u closes a cycle in the parent tree,
        which is then negative (each tree edge (p, x) has dist[x] >= dist[p] + cost).
        """
        n = self.n
        out = self.out
        parent = [-1] * n
        queued = [False] * n
        for node in queue:
            queued[node] = True
        skip = -1 if use_sink else self.sink
        while queue:
            u = queue.popleft()
            queued[u] = False
            if u == skip:
                continue
            du = dist[u]
            assert du is not None
            for v, (c, _) in out[u].items():
                nd = du + c
                dv = dist[v]
                if dv is not None and nd >= dv:
                    continue
                x = u
                while x != -1 and x != v:
                    x = parent[x]
                if x == v:  # v is u or an ancestor of u: a cycle v → … → u → v
                    cycle = [(u, v)]
                    x = u
                    while x != v:
                        cycle.append((parent[x], x))
                        x = parent[x]
                    cycle.reverse()
                    return cycle, parent
                dist[v] = nd
                parent[v] = u
                if not queued[v]:
                    queued[v] = True
                    queue.append(v)
        return None, parent
