"""Exact min-cost maximum flow of a transportation problem (OR-Tools), and
handing out the beds of clique slots from its answer."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from ortools.graph.python import min_cost_flow

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

    Solved by OR-Tools' min-cost flow (`solve_max_flow_with_min_cost`: the maximum flow
    first, then the cheapest among maximum flows), on a graph built in a fixed order so that
    the same input always gives the same answer.
    """
    n_rows, n_cols = len(supply), len(capacity)
    result: list[dict[int, int]] = [{} for _ in range(n_rows)]
    lengths = [len(cs) for cs in arc_cols]
    n_arcs = sum(lengths)
    if n_arcs == 0:
        return result
    # Nodes: 0 source, 1 sink, 2 .. 2 + n_rows rows, then columns.
    first_col = 2 + n_rows
    rows = np.arange(2, first_col, dtype=np.int64)
    cols = np.arange(first_col, first_col + n_cols, dtype=np.int64)
    arc_tail = np.repeat(rows, lengths)
    arc_head = first_col + np.fromiter(
        (j for cs in arc_cols for j in cs), dtype=np.int64, count=n_arcs
    )
    arc_cost = np.fromiter((c for cc in arc_costs for c in cc), dtype=np.int64, count=n_arcs)
    row_cap = np.minimum(np.repeat(np.asarray(supply, dtype=np.int64), lengths), 1 << 40)
    col_cap = np.asarray(capacity, dtype=np.int64)[arc_head - first_col]
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([arc_tail, np.zeros(n_rows, np.int64), cols]),
        np.concatenate([arc_head, rows, np.ones(n_cols, np.int64)]),
        np.concatenate(
            [
                np.minimum(row_cap, col_cap),
                np.asarray(supply, np.int64),
                np.asarray(capacity, np.int64),
            ]
        ),
        np.concatenate([arc_cost, np.zeros(n_rows + n_cols, np.int64)]),
    )
    total = int(min(sum(supply), sum(capacity)))
    flow.set_node_supply(0, total)
    flow.set_node_supply(1, -total)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed (status {status})")
    flows = flow.flows(np.arange(n_arcs, dtype=np.int64))
    for a in np.flatnonzero(flows):
        i = int(arc_tail[a]) - 2
        j = int(arc_head[a]) - first_col
        result[i][j] = result[i].get(j, 0) + int(flows[a])
    return result


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
