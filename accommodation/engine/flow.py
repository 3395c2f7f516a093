"""Exact min-cost maximum flow of a transportation problem (successive shortest paths), and
handing out the beds of clique slots from its answer."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

from .model import Candidates


def _transport(
    supply: Sequence[int],
    capacity: Sequence[int],
    arc_cols: Sequence[Sequence[int]],
    arc_costs: Sequence[Sequence[int]],
) -> list[dict[int, int]]:
    """Min-cost maximum flow of a transportation problem, exactly (integer costs >= 0).

    Row i ships at most `supply[i]` units, column j receives at most `capacity[j]`, along
    arcs i -> `arc_cols[i][k]` costing `arc_costs[i][k]` a unit. Returns, per row, the units
    sent to each column: the most units possible, and among those the cheapest.

    Method: every row gets a private "unhoused" column costing more than any set of real
    arcs, so that a min-cost flow shipping all supply maximises the real units first. Successive shortest paths from one row at a time (Dijkstra on reduced costs with
    node potentials, which stays valid because every augmentation follows a shortest path)
    keep the flow min-cost for the supply shipped so far; when all is shipped it is optimal.
    Arcs carrying flow have reduced cost 0, so backward arcs cost nothing to cross.
    """
    n_rows, n_cols = len(supply), len(capacity)
    # The "unhoused" column of row i is n_cols + i, at a cost above any set of real arcs.
    big = 1 + sum(s * max(cs, default=0) for s, cs in zip(supply, arc_costs, strict=True))
    # Each row's arcs cheapest first, its "unhoused" column last. Column potentials only
    # ever go down from 0, so c + p(row) is a lower bound on an arc's reduced cost: a row
    # is scanned lazily, only as far as that bound stays below the next distance to settle.
    cols: list[list[int]] = []
    costs: list[list[int]] = []
    for i, (cs, cc) in enumerate(zip(arc_cols, arc_costs, strict=True)):
        if cc != sorted(cc):
            order = sorted(range(len(cs)), key=cc.__getitem__)
            cs, cc = [cs[k] for k in order], [cc[k] for k in order]
        cols.append([*cs, n_cols + i])
        costs.append([*cc, big])
    residual = [*capacity, *supply]
    prow = [-cs[0] for cs in costs]
    pcol = [0] * (n_cols + n_rows)
    rowflow: list[dict[int, int]] = [{} for _ in range(n_rows)]
    colflow: list[dict[int, int]] = [{} for _ in range(n_cols + n_rows)]
    heappush, heappop = heapq.heappush, heapq.heappop
    inf = math.inf
    for root in range(n_rows):
        excess = supply[root]
        root_cols, root_costs = cols[root], costs[root]
        width = len(root_cols)
        while excess > 0:
            # The root's cheapest reduced arcs; done at once if one reaches a column with room.
            pr = prow[root]
            best = inf
            pick = -1
            tent: dict[int, float] = {}
            at = 0
            while at < width:
                low = root_costs[at] + pr
                if low > best or (low == best and residual[pick] > 0):
                    break
                j = root_cols[at]
                d = low - pcol[j]
                node = n_rows + j
                if d < tent.get(node, inf):
                    tent[node] = d
                if d < best or (d == best and residual[pick] <= 0 < residual[j]):
                    best = d
                    pick = j
                at += 1
            if residual[pick] > 0:
                prow[root] -= best
                delta = min(excess, residual[pick])
                residual[pick] -= delta
                excess -= delta
                rowflow[root][pick] = rowflow[root].get(pick, 0) + delta
                colflow[pick][root] = colflow[pick].get(root, 0) + delta
                continue
            # Dijkstra from the root until a column with room is settled. Heap entries:
            # (distance, n_rows + column), (distance, row), (bound, -1 - row) = resume a row.
            parent: dict[int, int] = dict.fromkeys(tent, root)
            heap = [(d, node) for node, d in tent.items()]
            final: dict[int, float] = {root: 0}
            position = {root: at}
            if at < width:
                heap.append((root_costs[at] + pr, -1 - root))
            heapq.heapify(heap)
            found = -1
            reach = 0.0
            while heap:
                d, v = heappop(heap)
                if v < 0 or v < n_rows:
                    if v < 0:
                        k = -1 - v
                        dk = final[k]
                        at = position[k]
                    else:
                        if v in final or d > tent[v]:
                            continue
                        final[v] = d
                        k, dk, at = v, d, 0
                    base = dk + prow[k]
                    row_cols, row_costs = cols[k], costs[k]
                    width_k = len(row_cols)
                    limit = heap[0][0] if heap else inf
                    while at < width_k:
                        low = base + row_costs[at]
                        if low > limit:
                            break
                        j = row_cols[at]
                        at += 1
                        node = n_rows + j
                        if node in final:
                            continue
                        nd = low - pcol[j]
                        if nd < tent.get(node, inf):
                            tent[node] = nd
                            parent[node] = k
                            heappush(heap, (nd, node))
                            if nd < limit:
                                limit = nd
                    position[k] = at
                    if at < width_k:
                        heappush(heap, (base + row_costs[at], -1 - k))
                    continue
                if v in final or d > tent[v]:
                    continue
                final[v] = d
                j = v - n_rows
                if residual[j] > 0:
                    found = j
                    reach = d
                    break
                for k in colflow[j]:
                    if k not in final and d < tent.get(k, inf):
                        tent[k] = d
                        parent[k] = v
                        heappush(heap, (d, k))
            for v, d in final.items():
                if d < reach:
                    if v >= n_rows:
                        pcol[v - n_rows] += d - reach
                    else:
                        prow[v] += d - reach
            forward: list[tuple[int, int]] = []
            backward: list[tuple[int, int]] = []
            delta = min(excess, residual[found])
            node = n_rows + found
            while True:
                k = parent[node]
                forward.append((k, node - n_rows))
                if k == root:
                    break
                node = parent[k]
                j = node - n_rows
                backward.append((k, j))
                delta = min(delta, colflow[j][k])
            for k, j in forward:
                rowflow[k][j] = rowflow[k].get(j, 0) + delta
                colflow[j][k] = colflow[j].get(k, 0) + delta
            for k, j in backward:
                left = colflow[j][k] - delta
                if left:
                    colflow[j][k] = left
                    rowflow[k][j] = left
                else:
                    del colflow[j][k]
                    del rowflow[k][j]
            residual[found] -= delta
            excess -= delta
    return [{j: x for j, x in flows.items() if j < n_cols} for flows in rowflow]


def _flow_to_beds(
    cand: Candidates,
    rows: list[int],
    column_class: list[int],
    arc_keys: list[list[object]],
    keys: list[object],
    assignment: dict[int, tuple[int, int]],
) -> None:
    """Solve rows x clique slots exactly and hand out beds.

    Slot `keys[j]` is a clique of bed class `column_class[j]`; row `rows[n]` reaches slot
    `arc_keys[n][x]` at `cand.arc_units[rows[n]][x]` (a key of None: arc not allowed). Each
    slot takes as many requests as its class has beds, members of a request class take the
    cheapest slots in id order, and the beds of a slot are handed out by id.
    """
    column = {key: j for j, key in enumerate(keys)}
    cols: list[list[int]] = []
    costs: list[list[int]] = []
    for i, row_keys in zip(rows, arc_keys, strict=True):
        if None in row_keys:
            row_cols, row_costs = [], []
            for key, u in zip(row_keys, cand.arc_units[i], strict=True):
                if key is not None:
                    row_cols.append(column[key])
                    row_costs.append(u)
        else:
            row_cols, row_costs = [column[key] for key in row_keys], cand.arc_units[i]
        cols.append(row_cols)
        costs.append(row_costs)
    capacity = [len(cand.bed_classes[k]) for k in column_class]
    flows = _transport([len(cand.request_classes[i]) for i in rows], capacity, cols, costs)
    given = [0] * len(keys)
    for i, row_cols, row_costs, flow in zip(rows, cols, costs, flows, strict=True):
        if not flow:
            continue
        price = dict(zip(row_cols, row_costs, strict=True))
        ids = iter(cand.request_classes[i])
        for j in sorted(flow, key=lambda j: (price[j], j)):
            bed_ids = cand.bed_classes[column_class[j]]
            for _ in range(flow[j]):
                assignment[next(ids)] = (bed_ids[given[j]], i)
                given[j] += 1
