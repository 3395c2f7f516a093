"""Segmented stays: a rotating trainee whose hospitals no single bed can reach is housed
block by block.

A request is split when it has hospitals (stops) in two places or more and no bed of the
instance lies within its `max_km` of every one of them (whatever the dates and attributes:
a bed that is near but taken is a matter for the solver, not a reason to move twice). Its
stops, in order of their first day, are cut greedily into blocks that one bed could serve;
each block becomes a segment from its first working day (the stay's arrival for the first
block) to the next block's first day (the departure for the last one), so that the
segments' nights partition the stay. A request may also carry its own `segments`.

Each segment is matched as a request of its own (same trainee, needs and budget; its own
dates and hospitals) under a new internal id; `match` maps the answers back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .candidates import _DEG_KM, _Grid
from .model import Bed, Request, Segment, Stop
from .rules import haversine_km


@dataclass(frozen=True)
class Part:
    """Internal request `id` is segment `number` (1-based) of `of` of request `request`."""

    request: int
    number: int
    of: int
    reason: str


def _reach(grid: _Grid, points: list[tuple[float, float]], stops: Sequence[Stop], km: float):
    """Whether one bed position lies within `km` of every stop."""
    first = stops[0]
    for index in grid.near(first.lat, first.lon, km):
        lat, lon = points[index]
        if all(haversine_km(s.lat, s.lon, lat, lon) <= km for s in stops):
            return True
    return False


def blocks(r: Request, reach) -> list[Segment]:
    """`r`'s segments: its stops cut greedily into blocks that `reach` (one bed near all)."""
    stops = sorted(r.stops, key=lambda s: (s.start, s.end, s.name))
    groups: list[list[Stop]] = [[stops[0]]]
    for stop in stops[1:]:
        if reach([*groups[-1], stop]):
            groups[-1].append(stop)
        else:
            groups.append([stop])
    segments: list[Segment] = []
    for n, group in enumerate(groups):
        start = r.start if n == 0 else max(r.start, min(group[0].start, r.end))
        if segments and start <= segments[-1].start:  # no night of its own: join the last
            segments[-1] = Segment(segments[-1].start, r.end, (*segments[-1].stops, *group))
            continue
        if segments:
            segments[-1] = replace(segments[-1], end=start)
        segments.append(Segment(start, r.end, tuple(group)))
    return segments


def split(
    requests: Sequence[Request], beds: Sequence[Bed], booked: set[int]
) -> tuple[list[Request], dict[int, Part]]:
    """The requests to match (segments in place of the requests split) and, per internal
    id of a segment, what it is part of. Confirmed requests are never split."""
    ids = [r.id for r in requests]
    next_id = max(ids, default=0) + 1
    todo = [
        r
        for r in requests
        if r.id not in booked
        and r.fixed_bed is None
        and r.end > r.start
        and (r.segments or len({(s.lat, s.lon) for s in r.stops}) > 1)
    ]
    if not todo:
        return list(requests), {}
    points = sorted({(b.lat, b.lon) for b in beds})
    limits = sorted(r.max_km for r in todo)
    cell_km = min(max(limits[len(limits) // 2] / 4, 0.25), 500.0)
    grid = _Grid(points, cell_km / _DEG_KM)
    out: list[Request] = []
    parts: dict[int, Part] = {}
    chosen: dict[int, list[Segment]] = {}
    for r in todo:
        if r.segments:
            chosen[r.id] = list(r.segments)
            continue
        if not _reach(grid, points, r.stops, r.max_km):
            segments = blocks(r, lambda stops, r=r: _reach(grid, points, stops, r.max_km))
            if len(segments) > 1:
                chosen[r.id] = segments
    for r in sorted(requests, key=lambda r: r.id):
        segments = chosen.get(r.id)
        if not segments:
            out.append(r)
            continue
        reason = (
            f"given as {len(segments)} segments"
            if r.segments
            else f"no single bed is within {_number(r.max_km)} km of every hospital"
        )
        for n, segment in enumerate(segments, start=1):
            parts[next_id] = Part(r.id, n, len(segments), reason)
            out.append(
                replace(
                    r,
                    id=next_id,
                    start=segment.start,
                    end=segment.end,
                    stops=segment.stops,
                    segments=(),
                )
            )
            next_id += 1
    return out, parts


def _number(x: float) -> str:
    return f"{x:g}" if math.isfinite(x) else str(x)
