"""The words a coordinator reads: dates, the explanation of each proposal, the reason each
unmatched request got no bed, and the `Result` assembled from an assignment."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from .model import Bed, Candidates, Proposal, Request, Result, Unmatched
from .rules import _gender_ok, cost_units, fits_window, haversine_km, pair_cost

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date, year: bool = False) -> str:
    """ "26 May" (whatever the process locale), with the year if asked."""
    return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")


def _span(start: date, end: date) -> str:
    year = start.year != end.year
    return f"{_day(start, year)}–{_day(end, year)}"


def _money(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def _km(x: float) -> str:
    return f"{x:.1f} km"


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _near(r: Request) -> str:
    if not r.stops:
        return ""
    return f" within {_money(r.max_km)} km of " + _and([s.name or "a stop" for s in r.stops])


def _attribute_checks(r: Request):
    """The attribute filters a request applies, in order: (wording, test on a bed)."""
    gender = {"woman": "open to women", "man": "open to men"}.get(r.gender, "open to all genders")
    checks = [(gender, lambda b: _gender_ok(b.gender_policy, r.gender))]
    if r.needs_accessible:
        checks.append(("accessible", lambda b: b.accessible))
    if r.with_family:
        checks.append(("family-friendly", lambda b: b.family_friendly))
    if not r.smoker:
        checks.append(("non-smoking", lambda b: not b.smoking))
    return checks


def _explain(r: Request, b: Bed) -> tuple[float, str]:
    parts = []
    distances = [haversine_km(s.lat, s.lon, b.lat, b.lon) for s in r.stops]
    for s, d in zip(r.stops, distances, strict=True):
        parts.append(f"{_km(d)} from {s.name or 'the stop'}")
    if not r.stops:
        parts.append("no hospital to be near")
    over = b.price_per_night - r.budget_per_night
    if over > 0:
        parts.append(
            f"{_money(over)}/night over budget ({_money(b.price_per_night)} vs {_money(r.budget_per_night)})"
        )
    else:
        parts.append("within budget")
    parts.append(f"available {_span(r.start, r.end)}")
    if r.smoker and not b.smoking:
        parts.append("non-smoking room")
    text = ", ".join(parts)
    if b.label:
        text = f"{b.label}: {text}"
    return max(distances, default=0.0), text


def _reason(
    cand: Candidates, r: Request, i: int | None, taken_by: dict[int, list[tuple[date, date, int]]]
) -> str:
    if r.id in cand.invalid:
        return cand.invalid[r.id]
    dates = _span(r.start, r.end)
    if r.fixed_bed is not None:
        b = cand.beds.get(r.fixed_bed)
        label = f"fixed bed {r.fixed_bed}"
        if b is None:
            return f"{label} does not exist"
        for s in r.stops:
            d = haversine_km(s.lat, s.lon, b.lat, b.lon)
            if d > r.max_km:
                return (
                    f"{label} is {_km(d)} from {s.name or 'a stop'} (limit {_money(r.max_km)} km)"
                )
        if not fits_window(b, r.start, r.end):
            return f"{label} is not available {dates}"
        for s, e, other in cand.occupied.get(b.id, ()):
            if s < r.end and r.start < e:
                return f"{label} is booked {dates} by the confirmed stay of request {other}"
        for name, ok in _attribute_checks(r):
            if not ok(b):
                return f"{label} is not {name}"
    pool = [cand.beds[r.fixed_bed]] if r.fixed_bed is not None else list(cand.beds.values())
    near = _near(r)
    if i is None or not cand.arc_beds[i]:
        in_range = []
        nearest = math.inf
        for b in pool:
            far = max((haversine_km(s.lat, s.lon, b.lat, b.lon) for s in r.stops), default=0.0)
            nearest = min(nearest, far)
            if far <= r.max_km:
                in_range.append(b)
        if not in_range:
            extra = f" (the nearest is {_km(nearest)} away)" if pool and r.stops else ""
            return f"no bed{near}{extra}"
        open_ = [b for b in in_range if fits_window(b, r.start, r.end)]
        if not open_:
            return f"no bed{near} is available {dates}"
        free = [
            b
            for b in open_
            if not any(s < r.end and r.start < e for s, e, _ in cand.occupied.get(b.id, ()))
        ]
        if not free:
            return f"every bed{near} available {dates} is booked by a confirmed stay"
        applied: list[str] = []
        for name, ok in _attribute_checks(r):
            applied.append(name)
            free = [b for b in free if ok(b)]
            if not free:
                return f"no bed{near} free {dates} is {_and(applied)}"
        if r.same_gender_only:
            return (
                f"every bed{near} free {dates} is in a room shared on those nights with a"
                " confirmed trainee of another gender (a same-gender room was asked for)"
            )
        return f"no bed{near} free {dates} fits"  # not reached
    beds_ids = [bed for k in cand.arc_beds[i] for bed in cand.bed_classes[k]]
    others = sorted(
        {
            other
            for bed in beds_ids
            for s, e, other in taken_by.get(bed, ())
            if s < r.end and r.start < e and other != r.id
        }
    )
    if r.same_gender_only and any(
        not any(s < r.end and r.start < e for s, e, _ in taken_by.get(bed, ())) for bed in beds_ids
    ):
        return (
            f"only mixed rooms were left{near} {dates}: the free beds are in rooms shared on"
            " those nights with trainees of another gender (a same-gender room was asked for)"
        )
    who = ", ".join(str(x) for x in others[:3]) + (
        f" and {len(others) - 3} more" if len(others) > 3 else ""
    )
    what = _and([name for name, _ in _attribute_checks(r)])
    count = (
        "the only candidate bed" if len(beds_ids) == 1 else f"all {len(beds_ids)} candidate beds"
    )
    text = (
        f"{count} ({near.strip() + ', ' if near else ''}free {dates}, {what}) "
        f"went to other trainees (request{'s' if len(others) != 1 else ''} {who})"
    )
    cheapest = min(cand.beds[bed].price_per_night for bed in beds_ids)
    if cheapest > r.budget_per_night:
        text += (
            f"; every one of them is over the {_money(r.budget_per_night)}/night budget"
            f" (the cheapest is {_money(cheapest)}/night)"
        )
    return text


def _result(cand: Candidates, assignment: dict[int, tuple[int, int]], info: dict) -> Result:
    proposals: list[Proposal] = []
    taken_by: dict[int, list[tuple[date, date, int]]] = {}
    total = 0.0
    units = 0
    for rid in sorted(assignment):
        bed_id, i = assignment[rid]
        r, b = cand.requests[rid], cand.beds[bed_id]
        taken_by.setdefault(bed_id, []).append((r.start, r.end, rid))
        cost = pair_cost(r, b, cand.weights)
        total += cost
        units += cost_units(cost)
        distance, text = _explain(r, b)
        proposals.append(Proposal(rid, bed_id, cost, distance, text))
    class_of = {rid: i for i, ids in enumerate(cand.request_classes) for rid in ids}
    unmatched: list[Unmatched] = []
    reasons: dict[int, str] = {}
    for rid in sorted(cand.requests):
        if rid in assignment or rid in cand.existing:
            continue
        r = cand.requests[rid]
        i = class_of.get(rid)
        if i is not None and not cand.arc_beds[i] and i in reasons:
            unmatched.append(Unmatched(rid, reasons[i]))
            continue
        reason = _reason(cand, r, i, taken_by)
        if i is not None and not cand.arc_beds[i]:
            reasons[i] = reason
        unmatched.append(Unmatched(rid, reason))
    stats = {
        "requests": len(cand.requests),
        "beds": len(cand.beds),
        "existing": len(cand.existing),
        "housed": len(proposals),
        "unmatched": len(unmatched),
        "cost": total,
        "cost_units": units,
        "candidate_pairs": cand.pairs,
        "request_classes": len(cand.request_classes),
        "bed_classes": len(cand.bed_classes),
        "class_arcs": sum(len(a) for a in cand.arc_beds),
        **info,
    }
    return Result(proposals, unmatched, stats)


def _rejoin(result: Result, cand: Candidates, parts: Mapping[int, Any]) -> Result:
    """Answers per segment back under their request (`segments.split`): dates on every
    proposal, the segment named in explanations and reasons."""
    proposals: list[Proposal] = []
    for p in result.proposals:
        r = cand.requests[p.request]
        part = parts.get(p.request)
        if part is None:
            proposals.append(replace(p, start=r.start, end=r.end))
            continue
        proposals.append(
            replace(
                p,
                request=part.request,
                start=r.start,
                end=r.end,
                segment=part.number,
                segments=part.of,
                explanation=f"{_segment(part, r)}: {p.explanation}",
            )
        )
    unmatched: list[Unmatched] = []
    for u in result.unmatched:
        part = parts.get(u.request)
        if part is None:
            unmatched.append(u)
            continue
        r = cand.requests[u.request]
        unmatched.append(
            Unmatched(part.request, f"{_segment(part, r)}: {u.reason}", r.start, r.end, part.number)
        )
    proposals.sort(key=lambda p: (p.request, p.segment))
    unmatched.sort(key=lambda u: (u.request, u.segment))
    result.proposals, result.unmatched = proposals, unmatched
    result.stats["segments"] = len({part.request for part in parts.values()})
    return result


def _segment(part: Any, r: Request) -> str:
    """ "segment 2 of 3 (1 Mar–31 May, Busan hospital; no single bed is within ...)"."""
    names = _and([s.name or "a stop" for s in r.stops]) if r.stops else "no hospital"
    return (
        f"segment {part.number} of {part.of} ({_span(r.start, r.end)}, {names};"
        f" split because {part.reason})"
    )


def quality(result: Result) -> str:
    """ "optimal", or how far from the best possible the answer can at most be."""
    if result.optimal:
        return "optimal"
    return (
        f"within {result.housed_gap} housed / {result.cost_gap:.1f} % of cost of the best possible"
    )
