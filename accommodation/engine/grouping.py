"""Grouping the candidates for the solvers: slots and components.

A bed class's candidate request classes are cut, along time, into groups joined by
overlapping stays; stays in different groups never share a night, so each group is an
independent *slot* of the class (one bed reused by consecutive cohorts). A slot is a
*clique* when all its requests share a night. Request classes and slots joined by candidate
arcs split into connected *components*, solved independently.
"""

from __future__ import annotations

from .model import Candidates


def _slots(
    cand: Candidates,
) -> tuple[list[int], list[bool], list[list[int]], list[list[int]]]:
    """The slots: (bed class of each slot, whether it is a clique, its request classes by
    stay, and per request class the slot of each of its arcs)."""
    n_rc = len(cand.request_classes)
    stays = [(s.toordinal(), e.toordinal()) for s, e in cand.stays]
    # Slots: each bed class's candidate requests, visited by arrival, cut into groups joined
    # by overlapping stays (one sweep per class, all classes at once).
    n_bc = len(cand.bed_classes)
    current = [-1] * n_bc  # the class's open slot
    group_end = [0] * n_bc
    earliest = [0] * n_bc  # earliest departure in the open slot
    slot_class: list[int] = []
    slot_clique: list[bool] = []
    slot_rows: list[list[int]] = []
    arc_slot: list[list[int]] = [[] for _ in range(n_rc)]
    for i in sorted(range(n_rc), key=stays.__getitem__):
        s, e = stays[i]
        row = arc_slot[i]
        for k in cand.arc_beds[i]:
            t = current[k]
            if t < 0 or s >= group_end[k]:
                t = current[k] = len(slot_class)
                slot_class.append(k)
                slot_clique.append(True)
                slot_rows.append([i])
                group_end[k] = earliest[k] = e
            else:
                if e > group_end[k]:
                    group_end[k] = e
                if e < earliest[k]:
                    earliest[k] = e
                if s >= earliest[k]:  # arrivals only grow: this one misses an earlier stay
                    slot_clique[t] = False
                slot_rows[t].append(i)
            row.append(t)
    return slot_class, slot_clique, slot_rows, arc_slot


def _components(
    arc_slot: list[list[int]], slot_rows: list[list[int]], links: list[list[int]] = ()
) -> list[tuple[list[int], list[int]]]:
    """Connected components of request classes and slots: (request classes in order, slots).
    Each group of slots in `links` (those of a room whose gender rule binds) stays together."""
    n_rc = len(arc_slot)
    linked: dict[int, list[int]] = {}
    for group in links:
        for t in group:
            linked[t] = group
    # Components of the graph of request classes and slots.
    comp_row = [-1] * n_rc
    comp_slot = [-1] * len(slot_rows)
    components: list[tuple[list[int], list[int]]] = []
    for start in range(n_rc):
        if comp_row[start] >= 0 or not arc_slot[start]:
            continue
        c = len(components)
        rows_c: list[int] = [start]
        slots_c: list[int] = []
        comp_row[start] = c
        stack = [start]
        while stack:
            for first in arc_slot[stack.pop()]:
                for t in linked.get(first, (first,)):
                    if comp_slot[t] < 0:
                        comp_slot[t] = c
                        slots_c.append(t)
                        for i in slot_rows[t]:
                            if comp_row[i] < 0:
                                comp_row[i] = c
                                rows_c.append(i)
                                stack.append(i)
        rows_c.sort()
        components.append((rows_c, slots_c))
    return components


def active_rooms(cand: Candidates, rows: list[int]) -> dict[str, list[int]]:
    """Rooms where the gender rule can bind: {room: its bed classes}. A room binds when a
    request with `same_gender_only` and a request of another gender can both get one of
    its beds, and it has two beds or more."""
    classes: dict[str, list[int]] = {}
    for k, members in enumerate(cand.bed_classes):
        room = cand.beds[members[0]].room
        if room is not None:
            classes.setdefault(room, []).append(k)
    if not classes:
        return {}
    room_of = {k: room for room, ks in classes.items() for k in ks}
    genders: dict[str, set[str]] = {}
    alike: set[str] = set()
    for i in rows:
        r = cand.requests[cand.request_classes[i][0]]
        for k in cand.arc_beds[i]:
            room = room_of.get(k)
            if room is not None:
                genders.setdefault(room, set()).add(r.gender)
                if r.same_gender_only:
                    alike.add(room)
    return {
        room: ks
        for room, ks in classes.items()
        if room in alike
        and len(genders[room]) > 1
        and sum(len(cand.bed_classes[k]) for k in ks) > 1
    }
