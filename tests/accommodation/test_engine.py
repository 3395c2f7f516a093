"""The accommodation engine: hard constraints, optimality against brute force, wording.

No database. The oracle below re-implements the rules (windows, gender policy, distance,
confirmed stays, cost formula) independently of the engine, sharing only `haversine_km`.
"""

from __future__ import annotations

import itertools
import math
import os
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accommodation.engine import (
    Bed,
    Request,
    Result,
    Segment,
    Stop,
    Weights,
    candidates,
    greedy,
    haversine_km,
    match,
    pair_cost,
)

BASE = date(2025, 5, 1)
DAY = timedelta(days=1)
AJOU = (37.2797, 127.0456)
VINCENT = (37.2779, 127.0276)
DONGTAN = (37.2163, 127.0797)
HOSPITALS = {
    "Ajou University Hospital": AJOU,
    "St. Vincent's Hospital": VINCENT,
    "Dongtan": DONGTAN,
}
COHORT = (date(2025, 5, 26), date(2025, 6, 21))  # arrival, departure
OPEN = ((date(2025, 5, 1), date(2025, 8, 31)),)
WEIGHTS = Weights()
TOLERANCE = 1e-5  # the engine optimises costs rounded to 1e-6 per proposal

# ACCOMMODATION_EXAMPLES=5000 runs the properties longer, on fresh random examples.
EXAMPLES = int(os.environ.get("ACCOMMODATION_EXAMPLES", "0"))
PROPERTY = settings(
    max_examples=EXAMPLES or 150,
    deadline=None,
    derandomize=not EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- helpers


def day(n: int) -> date:
    return BASE + n * DAY


def stop(name: str = "Ajou University Hospital", start: date = COHORT[0], end: date = COHORT[1]):
    lat, lon = HOSPITALS[name]
    return Stop(lat, lon, start, end - DAY, name)


def bed(id_: int, lat: float = 37.285, lon: float = 127.045, **kw) -> Bed:
    fields = {
        "provider": 1,
        "price_per_night": 50.0,
        "gender_policy": "any",
        "accessible": False,
        "family_friendly": False,
        "smoking": False,
        "windows": OPEN,
    }
    fields.update(kw)
    return Bed(id=id_, lat=lat, lon=lon, **fields)


def request(id_: int, **kw) -> Request:
    fields = {
        "start": COHORT[0],
        "end": COHORT[1],
        "gender": "woman",
        "budget_per_night": 60.0,
        "max_km": 5.0,
        "stops": (stop(),),
    }
    fields.update(kw)
    return Request(id=id_, **fields)


def housed(result: Result) -> dict[int, int]:
    return {p.request: p.bed for p in result.proposals}


# --------------------------------------------------------------------------- oracle


def overlaps(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Two stays (arrival, departure) share a night."""
    return a[0] < b[1] and b[0] < a[1]


def allowed(r: Request, b: Bed) -> bool:
    """Every hard constraint between a request and a bed, except other stays."""
    if r.end <= r.start:
        return False
    if r.fixed_bed is not None and r.fixed_bed != b.id:
        return False
    last_night = r.end - DAY
    if not any(first <= r.start and last_night <= last for first, last in b.windows):
        return False
    if b.gender_policy == "women" and r.gender != "woman":
        return False
    if b.gender_policy == "men" and r.gender != "man":
        return False
    if r.needs_accessible and not b.accessible:
        return False
    if r.with_family and not b.family_friendly:
        return False
    if b.smoking and not r.smoker:
        return False
    return all(haversine_km(s.lat, s.lon, b.lat, b.lon) <= r.max_km for s in r.stops)


def oracle_cost(r: Request, b: Bed) -> float:
    w = WEIGHTS
    n = (r.end - r.start).days
    cost = 0.0
    for s in r.stops:
        cost += haversine_km(s.lat, s.lon, b.lat, b.lon) * ((s.end - s.start).days + 1) * w.km_day
    cost += max(0.0, b.price_per_night - r.budget_per_night) * n * w.over_budget
    if r.smoker and not b.smoking:
        cost += w.smoker_non_smoking * n
    cost += (
        w.spare_feature
        * n
        * ((b.accessible and not r.needs_accessible) + (b.family_friendly and not r.with_family))
    )
    return cost


def occupancy(requests, existing):
    """Per bed, the confirmed stays on it: (arrival, departure, gender, same gender only)."""
    by_id = {r.id: r for r in requests}
    occ: dict[int, list[tuple]] = {}
    for rid, bid in existing:
        r = by_id[rid]
        occ.setdefault(bid, []).append((r.start, r.end, r.gender, r.same_gender_only))
    return occ


def reaches(beds, stops, km) -> bool:
    return any(all(haversine_km(s.lat, s.lon, b.lat, b.lon) <= km for s in stops) for b in beds)


def parts(r: Request, beds) -> list[Request]:
    """The spec of segmented stays, written again: explicit segments, or, when the stops are
    in two places or more and no bed is within reach of all, greedy blocks of stops that one
    bed reaches, each from its first day to the next block's (arrival and departure at the
    ends); a block without a night of its own joins the one before."""
    if r.segments:
        cut = [(g.start, g.end, g.stops) for g in r.segments]
    elif (
        r.fixed_bed is None
        and r.end > r.start
        and len({(s.lat, s.lon) for s in r.stops}) > 1
        and not reaches(beds, r.stops, r.max_km)
    ):
        stops = sorted(r.stops, key=lambda s: (s.start, s.end, s.name))
        groups = [[stops[0]]]
        for s in stops[1:]:
            if reaches(beds, [*groups[-1], s], r.max_km):
                groups[-1].append(s)
            else:
                groups.append([s])
        cut = []
        for n, group in enumerate(groups):
            first = r.start if n == 0 else max(r.start, min(group[0].start, r.end))
            if cut and first <= cut[-1][0]:
                cut[-1] = (cut[-1][0], r.end, (*cut[-1][2], *group))
                continue
            if cut:
                cut[-1] = (cut[-1][0], first, cut[-1][2])
            cut.append((first, r.end, tuple(group)))
        if len(cut) < 2:
            return [r]
    else:
        return [r]
    return [
        Request(**{**r.__dict__, "start": a, "end": b, "stops": stops, "segments": ()})
        for a, b, stops in cut
    ]


def units(requests, beds, existing) -> dict[tuple[int, int], Request]:
    """What gets housed: {(request id, segment number or 0): the request or segment}."""
    booked = {rid for rid, _ in existing}
    out = {}
    for r in requests:
        if r.id in booked:
            continue
        pieces = parts(r, beds)
        for n, piece in enumerate(pieces, start=1 if len(pieces) > 1 else 0):
            out[r.id, n] = piece
    return out


def room_ok(bed_of_room, occ, r: Request, b: Bed) -> bool:
    """No roommate on a shared night of another gender, where either of them minds."""
    if b.room is None:
        return True
    for other in bed_of_room.get(b.room, ()):
        if other == b.id:
            continue
        for s, e, g, alike in occ.get(other, ()):
            if s < r.end and r.start < e and g != r.gender and (alike or r.same_gender_only):
                return False
    return True


def brute_force(requests, beds, existing=()) -> tuple[int, float]:
    """The best (housed, cost) over every feasible assignment."""
    todo = list(units(requests, beds, existing).values())
    options = [[b for b in beds if allowed(r, b)] for r in todo]
    occ = occupancy(requests, existing)
    rooms: dict[str, list[int]] = {}
    for b in beds:
        if b.room is not None:
            rooms.setdefault(b.room, []).append(b.id)
    best = [(-1, 0.0)]

    def better(a, b):
        return a[0] > b[0] or (a[0] == b[0] and a[1] < b[1] - 1e-12)

    def dfs(i, count, cost):
        # Cannot beat the best even if every remaining request were housed at no cost?
        if count + (len(todo) - i) < best[0][0]:
            return
        if i == len(todo):
            if better((count, cost), best[0]):
                best[0] = (count, cost)
            return
        r = todo[i]
        stay = (r.start, r.end)
        for b in options[i]:
            if any(overlaps(stay, other[:2]) for other in occ.get(b.id, ())):
                continue
            if not room_ok(rooms, occ, r, b):
                continue
            occ.setdefault(b.id, []).append((r.start, r.end, r.gender, r.same_gender_only))
            dfs(i + 1, count + 1, cost + oracle_cost(r, b))
            occ[b.id].pop()
        dfs(i + 1, count, cost)

    dfs(0, 0, 0.0)
    return best[0]


def assert_valid(requests, beds, existing, result: Result) -> None:
    """No hard constraint broken; every request (segment) accounted for once; wording."""
    by_bed = {b.id: b for b in beds}
    todo = units(requests, beds, existing)
    proposed = [(p.request, p.segment) for p in result.proposals]
    unmatched = [(u.request, u.segment) for u in result.unmatched]
    assert len(set(proposed)) == len(proposed)
    assert not set(proposed) & set(unmatched)
    assert set(proposed) | set(unmatched) == set(todo)
    occ = occupancy(requests, existing)
    rooms: dict[str, list[int]] = {}
    for b in beds:
        if b.room is not None:
            rooms.setdefault(b.room, []).append(b.id)
    for p in result.proposals:
        r, b = todo[p.request, p.segment], by_bed[p.bed]
        assert (p.start, p.end) == (r.start, r.end)
        assert allowed(r, b), (r, b)
        stay = (r.start, r.end)
        assert not any(overlaps(stay, other[:2]) for other in occ.get(b.id, ())), (r, b)
        assert room_ok(rooms, occ, r, b), (r, b)
        occ.setdefault(b.id, []).append((r.start, r.end, r.gender, r.same_gender_only))
        assert p.explanation.strip()
        assert math.isclose(p.cost, oracle_cost(r, b), rel_tol=1e-9, abs_tol=1e-9)
        far = max((haversine_km(s.lat, s.lon, b.lat, b.lon) for s in r.stops), default=0.0)
        assert math.isclose(p.distance_km, far, abs_tol=1e-9)
    for u in result.unmatched:
        assert u.reason.strip()
    assert result.stats["housed"] == len(result.proposals)
    assert math.isclose(result.stats["cost"], sum(p.cost for p in result.proposals), abs_tol=1e-6)
    if "housed_bound" in result.stats:  # from `match` (greedy proves nothing)
        if result.optimal:
            assert result.housed_gap == 0 and result.cost_gap == 0
        assert result.housed_bound >= len(result.proposals)
        assert result.cost_bound <= result.stats["cost"] + TOLERANCE


def comparable(result: Result):
    stats = {k: v for k, v in result.stats.items() if k != "seconds"}
    return result.proposals, result.unmatched, stats


# --------------------------------------------------------------------------- strategies

POINTS = st.tuples(st.integers(-40, 40), st.integers(-40, 40))  # ±0.04° ≈ ±4 km


@st.composite
def instances(
    draw,
    *,
    common_night: bool = False,
    two_cohorts: bool = False,
    loose: bool = False,
    max_requests: int = 6,
):
    """Up to `max_requests` requests and 5 beds near three hospitals, some confirmed stays.

    `common_night`: every stay includes one night; `two_cohorts`: stays in two separate
    spans; `loose`: most beds suit everyone all the time and stays chain into each other, so
    that one bed could host several stays that overlap a third (not a transportation problem).
    """
    beds: list[Bed] = []
    for k in range(draw(st.integers(1, 5))):
        if beds and draw(st.integers(0, 3)) == 0:  # an identical bed (a dormitory)
            beds.append(Bed(**{**beds[-1].__dict__, "id": 100 + k}))
            continue
        dy, dx = draw(POINTS)
        windows = []
        for _ in range(draw(st.integers(1, 2))):
            a = draw(st.integers(0, 22))
            windows.append((day(a), day(a + draw(st.integers(0, 22)))))
        if loose and draw(st.integers(0, 4)):
            windows = [(day(0), day(40))]
        beds.append(
            Bed(
                id=100 + k,
                provider=draw(st.integers(1, 3)),
                lat=AJOU[0] + dy / 1000,
                lon=AJOU[1] + dx / 1000,
                price_per_night=draw(st.sampled_from([30.0, 50.0, 70.0, 95.5])),
                gender_policy=draw(
                    st.sampled_from(["any"] * (8 if loose else 2) + ["women", "men"])
                ),
                accessible=loose or draw(st.booleans()),
                family_friendly=loose or draw(st.booleans()),
                smoking=not loose and draw(st.integers(0, 4)) == 0,
                windows=tuple(windows),
            )
        )
    requests: list[Request] = []
    for k in range(draw(st.integers(1, max_requests))):
        if requests and draw(st.integers(0, 3)) == 0:  # same profile, maybe another budget
            budget = draw(st.sampled_from([40.0, 60.0, 80.0]))
            requests.append(
                Request(**{**requests[-1].__dict__, "id": k + 1, "budget_per_night": budget})
            )
            continue
        if common_night:
            start = day(draw(st.integers(0, 10)))
            end = day(draw(st.integers(11, 21)))
        elif two_cohorts:
            first = draw(st.booleans())
            start = day(draw(st.integers(0, 4)) + (0 if first else 10))
            end = day(draw(st.integers(6, 10)) + (0 if first else 10))
        elif loose:
            start = day(draw(st.integers(0, 20)))
            end = start + draw(st.integers(3, 12)) * DAY
        else:
            start = day(draw(st.integers(0, 18)))
            end = start + draw(st.integers(1, 10)) * DAY
        names = draw(st.lists(st.sampled_from(sorted(HOSPITALS)), max_size=2, unique=True))
        stops = tuple(
            Stop(*HOSPITALS[name], start, max(start, end - draw(st.integers(1, 3)) * DAY), name)
            for name in names
        )
        fixed = None
        if draw(st.integers(0, 9)) == 0:
            fixed = draw(st.sampled_from([b.id for b in beds] + [999]))
        requests.append(
            Request(
                id=k + 1,
                start=start,
                end=end,
                gender=draw(st.sampled_from(["woman", "man", "other"])),
                budget_per_night=draw(st.sampled_from([40.0, 60.0, 80.0])),
                needs_accessible=draw(st.integers(0, 4)) == 0,
                with_family=draw(st.integers(0, 4)) == 0,
                smoker=draw(st.integers(0, 3)) == 0,
                max_km=8.0 if loose else draw(st.sampled_from([2.0, 3.0, 5.0, 8.0])),
                stops=stops,
                fixed_bed=fixed,
            )
        )
    existing: list[tuple[int, int]] = []
    occ: dict[int, list[tuple[date, date]]] = {}
    for r in requests:
        if draw(st.integers(0, 5)) == 0:
            b = draw(st.sampled_from(beds))
            if not any(overlaps((r.start, r.end), o) for o in occ.get(b.id, ())):
                occ.setdefault(b.id, []).append((r.start, r.end))
                existing.append((r.id, b.id))
    return requests, beds, existing


# --------------------------------------------------------------------------- properties


@PROPERTY
@given(instances())
def test_the_engine_is_valid_and_as_good_as_brute_force(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing)
    assert_valid(requests, beds, existing, result)
    assert result.stats["optimal"]  # components this small are always searched to the end
    count, cost = brute_force(requests, beds, existing)
    assert result.stats["housed"] == count
    assert math.isclose(result.stats["cost"], cost, rel_tol=1e-9, abs_tol=TOLERANCE)
    assert greedy(requests, beds, existing=existing).stats["housed"] <= count


@PROPERTY
@given(instances())
def test_the_candidates_are_exactly_the_pairs_no_hard_constraint_forbids(instance):
    requests, beds, existing = instance
    cand = candidates(requests, beds, existing=existing)
    found = {
        (rid, bid, u)
        for i, ids in enumerate(cand.request_classes)
        for k, u in zip(cand.arc_beds[i], cand.arc_units[i], strict=True)
        for rid in ids
        for bid in cand.bed_classes[k]
    }
    booked = {rid for rid, _ in existing}
    occ = occupancy(requests, existing)
    expected = {
        (r.id, b.id, round(oracle_cost(r, b) * 1e6))
        for r in requests
        for b in beds
        if r.id not in booked
        and allowed(r, b)
        and not any(overlaps((r.start, r.end), o) for o in occ.get(b.id, ()))
    }
    assert {(r, b) for r, b, _ in found} == {(r, b) for r, b, _ in expected}
    assert all(abs(x[2] - y[2]) <= 1 for x, y in zip(sorted(found), sorted(expected), strict=True))
    assert cand.pairs == len(expected)


@PROPERTY
@given(instances(loose=True, max_requests=7))
def test_stays_that_chain_on_shared_beds_are_searched_to_the_optimum(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing)
    assert_valid(requests, beds, existing, result)
    assert result.stats["optimal"]
    count, cost = brute_force(requests, beds, existing)
    assert result.stats["housed"] == count
    assert math.isclose(result.stats["cost"], cost, rel_tol=1e-9, abs_tol=TOLERANCE)


@PROPERTY
@given(instances(common_night=True))
def test_stays_sharing_a_night_are_solved_exactly_by_the_flow_alone(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing, time_limit=0)  # no search
    assert_valid(requests, beds, existing, result)
    assert result.stats["optimal"] and result.stats["heuristic_components"] == 0
    count, cost = brute_force(requests, beds, existing)
    assert (result.stats["housed"], result.stats["cost"]) == (
        count,
        pytest.approx(cost, abs=TOLERANCE),
    )


@PROPERTY
@given(instances(two_cohorts=True))
def test_back_to_back_cohorts_are_solved_exactly_by_the_flow_alone(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing, time_limit=0)
    assert_valid(requests, beds, existing, result)
    count, cost = brute_force(requests, beds, existing)
    if result.stats["heuristic_components"] == 0:  # the claim: no heuristic, then optimal
        assert result.stats["optimal"]
        assert result.stats["housed"] == count
        assert result.stats["cost"] == pytest.approx(cost, abs=TOLERANCE)


@PROPERTY
@given(st.one_of(instances(max_requests=8), instances(loose=True, max_requests=8)))
def test_without_search_the_heuristic_is_valid_and_never_worse_than_greedy(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing, time_limit=0)
    assert_valid(requests, beds, existing, result)
    baseline = greedy(requests, beds, existing=existing)
    assert_valid(requests, beds, existing, baseline)
    assert result.stats["housed"] >= baseline.stats["housed"]
    if result.stats["housed"] == baseline.stats["housed"]:
        assert result.stats["cost"] <= baseline.stats["cost"] + TOLERANCE
    if result.stats["optimal"]:
        count, cost = brute_force(requests, beds, existing)
        assert (result.stats["housed"], result.stats["cost"]) == (
            count,
            pytest.approx(cost, abs=TOLERANCE),
        )


@PROPERTY
@given(instances())
def test_the_result_is_deterministic_and_ignores_input_order(instance):
    requests, beds, existing = instance
    first = match(requests, beds, existing=existing)
    again = match(requests, beds, existing=existing)
    shuffled = match(requests[::-1], beds[::-1], existing=existing[::-1])
    assert comparable(first) == comparable(again) == comparable(shuffled)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(st.tuples(st.floats(-89.9, 89.9), st.floats(-180, 179.99)), min_size=1, max_size=25),
    st.lists(
        st.tuples(
            st.floats(-89.9, 89.9), st.floats(-180, 179.99), st.sampled_from([1.0, 50.0, 900.0])
        ),
        min_size=1,
        max_size=6,
    ),
    st.data(),
)
def test_candidates_are_exactly_the_feasible_pairs_anywhere_on_earth(points, centres, data):
    """The spatial grid never loses a pair: near the poles, across the antimeridian, far apart."""
    beds = [bed(i, lat, lon) for i, (lat, lon) in enumerate(points)]
    # Beds just inside or outside a request's radius, to test the boundary.
    requests = []
    for k, (lat, lon, km) in enumerate(centres):
        requests.append(request(k, stops=(Stop(lat, lon, COHORT[0], COHORT[1], "H"),), max_km=km))
        target = data.draw(st.sampled_from(points))
        d = haversine_km(lat, lon, *target)
        requests.append(
            request(100 + k, stops=(Stop(lat, lon, COHORT[0], COHORT[1], "H"),), max_km=d)
        )
    cand = candidates(requests, beds)
    found = set()
    for i, ids in enumerate(cand.request_classes):
        for k in cand.arc_beds[i]:
            found |= {(rid, bid) for rid in ids for bid in cand.bed_classes[k]}
    expected = {(r.id, b.id) for r in requests for b in beds if allowed(r, b)}
    assert found == expected
    assert cand.pairs == len(expected)


# ------------------------------------------------------ same-gender rooms and segments

FAR = (37.3917, 126.9617)  # Hallym, ≈ 14 km from Ajou: no bed reaches both within 8 km


@st.composite
def rooms_and_segments(draw, *, rooms: bool = True, segments: bool = True):
    """An instance of `instances` plus shared rooms (some requests share only with their
    own gender) and rotating stays: some between Ajou and a hospital 14 km away (with beds
    near it), split by the engine; some with segments given."""
    requests, beds, existing = draw(instances(loose=draw(st.booleans()), max_requests=6))
    if rooms:
        beds = [
            Bed(**{**b.__dict__, "room": draw(st.sampled_from(["A", "A", "B", None]))})
            for b in beds
        ]
    if segments:
        for k in range(draw(st.integers(0, 2))):
            dy, dx = draw(POINTS)
            beds.append(
                Bed(
                    id=200 + k,
                    provider=9,
                    lat=FAR[0] + dy / 2000,
                    lon=FAR[1] + dx / 2000,
                    price_per_night=draw(st.sampled_from([30.0, 50.0])),
                    gender_policy="any",
                    accessible=True,
                    family_friendly=True,
                    smoking=False,
                    windows=((day(0), day(40)),),
                    room=draw(st.sampled_from(["F", None])) if rooms else None,
                )
            )
    booked = {rid for rid, _ in existing}
    changed = []
    for r in requests:
        extra = {}
        if rooms:
            extra["same_gender_only"] = draw(st.booleans())
        if segments and r.id not in booked and r.end - r.start >= 2 * DAY and r.fixed_bed is None:
            kind = draw(st.integers(0, 3))
            middle = r.start + (r.end - r.start) // 2
            ajou = Stop(*AJOU, r.start, middle - DAY, "Ajou University Hospital")
            far = Stop(*FAR, middle, r.end - DAY, "Hallym")
            if kind == 1:  # rotating: split by the engine
                extra.update(stops=(ajou, far), max_km=8.0)
            elif kind == 2:  # segments given
                extra["segments"] = (
                    Segment(r.start, middle, (ajou,)),
                    Segment(middle, r.end, (far,)),
                )
        changed.append(Request(**{**r.__dict__, **extra}))
    return changed, beds, existing


@PROPERTY
@given(rooms_and_segments())
def test_same_gender_rooms_and_segments_are_valid_and_as_good_as_brute_force(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing)
    assert_valid(requests, beds, existing, result)
    assert result.optimal
    count, cost = brute_force(requests, beds, existing)
    assert result.stats["housed"] == count
    assert math.isclose(result.stats["cost"], cost, rel_tol=1e-9, abs_tol=TOLERANCE)
    baseline = greedy(requests, beds, existing=existing)
    assert_valid(requests, beds, existing, baseline)
    assert baseline.stats["housed"] <= count


@PROPERTY
@given(rooms_and_segments(rooms=False))
def test_segments_partition_the_stay_and_each_is_near_its_own_hospitals(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing)
    by_id = {r.id: r for r in requests}
    todo = units(requests, beds, existing)
    for rid in {rid for rid, n in todo if n}:
        nights = sorted((u.start, u.end) for (r, n), u in todo.items() if r == rid)
        assert nights[0][0] == by_id[rid].start and nights[-1][1] == by_id[rid].end
        assert all(a[1] == b[0] for a, b in itertools.pairwise(nights))
    for p in result.proposals:
        if p.segment:
            assert p.explanation.startswith(f"segment {p.segment} of {p.segments} (")
    for u in result.unmatched:
        if u.segment:
            assert u.reason.startswith(f"segment {u.segment} of ")


@PROPERTY
@given(rooms_and_segments(segments=False))
def test_quick_answers_alone_keep_rooms_and_never_lose_to_greedy(instance):
    requests, beds, existing = instance
    result = match(requests, beds, existing=existing, time_limit=0)
    assert_valid(requests, beds, existing, result)
    baseline = greedy(requests, beds, existing=existing)
    assert (result.stats["housed"], -result.stats["cost"]) >= (
        baseline.stats["housed"],
        -baseline.stats["cost"] - TOLERANCE,
    )


def test_a_rotating_trainee_no_bed_reaches_is_housed_segment_by_segment():
    start, middle, end = date(2025, 5, 26), date(2025, 6, 9), date(2025, 6, 21)
    rotating = request(
        1,
        start=start,
        end=end,
        max_km=8.0,
        stops=(
            Stop(*AJOU, start, middle - DAY, "Ajou University Hospital"),
            Stop(*FAR, middle, end - DAY, "Hallym"),
        ),
    )
    result = match([rotating], [bed(1), bed(2, lat=FAR[0], lon=FAR[1])])
    assert [(p.bed, p.start, p.end, p.segment, p.segments) for p in result.proposals] == [
        (1, start, middle, 1, 2),
        (2, middle, end, 2, 2),
    ]
    assert "no single bed is within 8 km of every hospital" in result.proposals[0].explanation
    assert result.stats["segments"] == 1 and result.optimal


def test_a_woman_who_shares_only_with_women_is_not_put_next_to_a_man():
    room = {"room": "Room 1"}
    man = request(1, gender="man")
    woman = request(2, gender="woman", same_gender_only=True)
    result = match([man, woman], [bed(1, **room), bed(2, **room)])
    assert len(result.proposals) == 1
    (unmatched,) = result.unmatched
    assert "only mixed rooms were left" in unmatched.reason or unmatched.request == 1
    apart = match([man, woman], [bed(1, **room), bed(2, room="Room 2")])
    assert len(apart.proposals) == 2 and apart.optimal


def test_a_confirmed_roommate_of_another_gender_rules_the_room_out():
    room = {"room": "Room 1"}
    man = request(1, gender="man")
    woman = request(2, gender="woman", same_gender_only=True)
    result = match([man, woman], [bed(1, **room), bed(2, **room)], existing=[(1, 1)])
    assert result.proposals == []
    assert "same-gender room" in result.unmatched[0].reason


# --------------------------------------------------------------------------- examples


def test_beds_across_the_antimeridian_and_near_the_pole_are_found():
    fiji = [bed(1, -17.0, 179.999), bed(2, -17.0, -179.999), bed(3, -17.0, 179.9)]
    here = Stop(-17.0, 179.9999, *COHORT, "Suva")
    cand = candidates([request(1, stops=(here,), max_km=5.0)], fiji)
    assert sorted(b for k in cand.arc_beds[0] for b in cand.bed_classes[k]) == [1, 2]
    pole = [bed(1, 89.99, 0.0), bed(2, 89.99, 180.0), bed(3, 89.9, 90.0)]
    there = Stop(89.995, 45.0, *COHORT, "Station")
    cand = candidates([request(1, stops=(there,), max_km=3.0)], pole)
    assert sorted(b for k in cand.arc_beds[0] for b in cand.bed_classes[k]) == [1, 2]


def test_a_women_only_dormitory_bed_never_goes_to_a_man():
    dormitory = bed(1, gender_policy="women", price_per_night=10.0, lat=AJOU[0], lon=AJOU[1])
    farther = bed(2, lat=37.30, price_per_night=90.0)
    assert housed(match([request(1, gender="man")], [dormitory, farther])) == {1: 2}
    alone = match([request(1, gender="man"), request(2, gender="other")], [dormitory])
    assert alone.proposals == []
    assert [u.reason for u in alone.unmatched] == [
        "no bed within 5 km of Ajou University Hospital free 26 May–21 Jun is open to men",
        "no bed within 5 km of Ajou University Hospital free 26 May–21 Jun is open to all genders",
    ]


def test_a_woman_may_take_a_women_only_bed():
    result = match([request(1, gender="woman")], [bed(1, gender_policy="women")])
    assert housed(result) == {1: 1}


def test_two_trainees_with_consecutive_stays_share_one_bed():
    first = request(1, start=date(2025, 5, 26), end=date(2025, 6, 21))
    second = request(2, start=date(2025, 6, 21), end=date(2025, 7, 19))
    result = match([first, second], [bed(7)])
    assert housed(result) == {1: 7, 2: 7}
    assert result.stats["optimal"]


def test_two_trainees_whose_stays_share_one_night_do_not_share_a_bed():
    first = request(1, start=date(2025, 5, 26), end=date(2025, 6, 22))
    second = request(2, start=date(2025, 6, 21), end=date(2025, 7, 19))
    result = match([first, second], [bed(7)])
    assert len(result.proposals) == 1
    assert "went to other trainees" in result.unmatched[0].reason


def test_the_reason_names_the_budget_when_only_expensive_beds_are_near():
    near_and_dear = bed(1, price_per_night=120.0)
    cheap_but_far = bed(2, lat=37.40, price_per_night=30.0)  # ≈ 13 km away
    trainees = [request(1, budget_per_night=60.0), request(2, budget_per_night=60.0)]
    result = match(trainees, [near_and_dear, cheap_but_far])
    (proposal,) = result.proposals
    assert "60/night over budget" in proposal.explanation
    (unmatched,) = result.unmatched
    assert "60/night budget" in unmatched.reason
    assert "cheapest is 120/night" in unmatched.reason


def test_over_budget_is_allowed_but_costs_more_than_a_bed_a_little_farther():
    dear = bed(1, price_per_night=100.0)
    cheaper = bed(2, lat=37.30, price_per_night=50.0)
    result = match([request(1, budget_per_night=60.0)], [dear, cheaper])
    assert housed(result) == {1: 2}
    assert "within budget" in result.proposals[0].explanation
    alone = match([request(1, budget_per_night=60.0)], [dear])
    assert housed(alone) == {1: 1}


def test_the_explanation_names_distance_hospital_budget_and_dates():
    result = match([request(1)], [bed(1, lat=37.2797 + 0.0189)])  # ≈ 2.1 km north of Ajou
    assert result.proposals[0].explanation == (
        "2.1 km from Ajou University Hospital, within budget, available 26 May–21 Jun"
    )


def test_the_reason_says_when_no_bed_is_within_range():
    result = match([request(1, max_km=5.0)], [bed(1, lat=37.35)])
    (unmatched,) = result.unmatched
    assert unmatched.reason.startswith("no bed within 5 km of Ajou University Hospital")
    assert "the nearest is 7.8 km away" in unmatched.reason


def test_the_reason_says_when_no_bed_in_range_is_free_on_those_dates():
    summer = ((date(2025, 7, 1), date(2025, 8, 31)),)
    result = match([request(1)], [bed(1, windows=summer)])
    assert result.unmatched[0].reason == (
        "no bed within 5 km of Ajou University Hospital is available 26 May–21 Jun"
    )


def test_the_reason_names_every_attribute_that_rules_the_beds_out():
    beds = [bed(1, accessible=True), bed(2, family_friendly=True)]
    result = match([request(1, needs_accessible=True, with_family=True)], beds)
    assert result.unmatched[0].reason == (
        "no bed within 5 km of Ajou University Hospital free 26 May–21 Jun"
        " is open to women, accessible and family-friendly"
    )


def test_a_non_smoker_is_never_put_in_a_smoking_room_but_a_smoker_may_take_any_room():
    smoking = bed(1, smoking=True)
    plain = bed(2, lat=37.29)
    result = match([request(1, smoker=False), request(2, smoker=True)], [smoking, plain])
    assert housed(result) == {1: 2, 2: 1}
    alone = match([request(2, smoker=True)], [plain])
    assert housed(alone) == {2: 2}
    assert "non-smoking room" in alone.proposals[0].explanation


def test_a_trainee_with_family_or_a_wheelchair_gets_a_bed_that_fits():
    beds = [bed(1), bed(2, family_friendly=True), bed(3, accessible=True)]
    trainees = [request(1, with_family=True), request(2, needs_accessible=True), request(3)]
    assert housed(match(trainees, beds)) == {1: 2, 2: 3, 3: 1}


def test_a_bed_must_be_near_every_hospital_of_the_placement():
    between = bed(1, lat=37.248, lon=127.062)  # ≈ 4 km from Ajou and from Dongtan
    beside_ajou = bed(2, lat=37.2797, lon=127.0456)  # ≈ 9 km from Dongtan
    split = (stop("Ajou University Hospital"), stop("Dongtan"))
    result = match([request(1, stops=split, max_km=5.0)], [beside_ajou, between])
    assert housed(result) == {1: 1}
    assert "from Ajou University Hospital" in result.proposals[0].explanation
    assert "from Dongtan" in result.proposals[0].explanation


def test_the_stay_must_fit_one_window_not_two_adjacent_ones():
    split = ((date(2025, 5, 1), date(2025, 6, 5)), (date(2025, 6, 6), date(2025, 8, 31)))
    whole = ((date(2025, 5, 26), date(2025, 6, 20)),)  # last night 20 June: departure 21 June
    result = match([request(1), request(2)], [bed(1, windows=split), bed(2, windows=whole)])
    assert housed(result) == {1: 2} or housed(result) == {2: 2}
    assert len(result.proposals) == 1


def test_a_confirmed_booking_blocks_its_bed_and_is_not_proposed_again():
    trainees = [request(1), request(2)]
    result = match(trainees, [bed(1), bed(2, lat=37.30)], existing=[(1, 1)])
    assert housed(result) == {2: 2}
    assert result.unmatched == []
    full = match(trainees, [bed(1)], existing=[(1, 1)])
    assert full.unmatched[0].reason == (
        "every bed within 5 km of Ajou University Hospital available 26 May–21 Jun"
        " is booked by a confirmed stay"
    )


def test_the_cohort_is_housed_completely_where_greedy_strands_someone():
    # Trainee 1 likes bed 1 best but could live in bed 2; trainee 2 can only use bed 1.
    beds = [bed(1, lat=37.281), bed(2, lat=37.30, gender_policy="women")]
    trainees = [request(1, gender="woman"), request(2, gender="man")]
    assert len(greedy(trainees, beds).proposals) == 1
    assert housed(match(trainees, beds)) == {1: 2, 2: 1}


def test_the_cheapest_total_is_found_not_the_cheapest_first_choice():
    # Greedy gives trainee 1 the bed by Ajou; the total is lower if trainee 2, whose two
    # hospitals are both near it, gets it instead.
    by_ajou = bed(1, lat=AJOU[0], lon=AJOU[1])
    across = bed(2, lat=37.30, lon=127.045)
    trainees = [
        request(1, stops=(stop("Ajou University Hospital"),)),
        request(2, stops=(stop("Ajou University Hospital"), stop("St. Vincent's Hospital"))),
    ]
    best = match(trainees, [by_ajou, across])
    assert housed(best) == {1: 2, 2: 1}
    assert best.stats["cost"] < greedy(trainees, [by_ajou, across]).stats["cost"]


def test_a_fixed_bed_is_the_only_one_given():
    result = match([request(1, fixed_bed=2)], [bed(1, lat=AJOU[0], lon=AJOU[1]), bed(2)])
    assert housed(result) == {1: 2}
    summer = ((date(2025, 7, 1), date(2025, 8, 31)),)
    blocked = match([request(1, fixed_bed=2)], [bed(1), bed(2, windows=summer)])
    assert blocked.unmatched[0].reason == "fixed bed 2 is not available 26 May–21 Jun"


def test_a_long_stay_bridging_two_cohorts_is_still_solved_optimally():
    early = [request(i, start=date(2025, 5, 1), end=date(2025, 5, 31)) for i in (1, 2)]
    late = [request(i, start=date(2025, 6, 1), end=date(2025, 6, 30)) for i in (3, 4)]
    bridge = request(5, start=date(2025, 5, 20), end=date(2025, 6, 10))
    beds = [bed(1), bed(2, lat=37.29), bed(3, lat=37.295)]
    trainees = [*early, *late, bridge]
    result = match(trainees, beds)
    assert result.stats["optimal"] and result.stats["heuristic_components"] == 0
    assert result.stats["housed"] == brute_force(trainees, beds)[0] == 5
    assert_valid(trainees, beds, (), result)


def test_a_stay_without_nights_is_unmatched_with_a_reason():
    result = match([request(1, end=COHORT[0])], [bed(1)])
    assert result.unmatched[0].reason.startswith("the stay has no nights")


def test_identical_dormitory_beds_are_handed_out_in_id_order_and_reused_over_time():
    dorm = [bed(i) for i in (5, 3, 4)]
    first = [request(i) for i in (1, 2, 3, 4)]
    later = [request(i, start=COHORT[1], end=COHORT[1] + 28 * DAY) for i in (5, 6)]
    result = match(first + later, dorm)
    assert housed(result) == {1: 3, 2: 4, 3: 5, 5: 3, 6: 4}
    assert result.stats["bed_classes"] == 1


def test_pair_cost_is_distance_times_days_plus_the_budget_excess():
    r = request(1, budget_per_night=40.0)
    b = bed(1, lat=AJOU[0], lon=AJOU[1], price_per_night=50.0)
    assert pair_cost(r, b) == pytest.approx(10.0 * 26)
    far = bed(2, lat=AJOU[0] + 0.01, lon=AJOU[1], price_per_night=40.0)
    assert pair_cost(r, far) == pytest.approx(haversine_km(*AJOU, AJOU[0] + 0.01, AJOU[1]) * 26)


def test_haversine_gives_the_known_distance_from_seoul_to_busan():
    assert haversine_km(37.5665, 126.9780, 35.1796, 129.0756) == pytest.approx(325.0, abs=1.0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="unknown request"):
        match([request(1)], [bed(1)], existing=[(9, 1)])
    with pytest.raises(ValueError, match="share an id"):
        match([request(1), request(1)], [bed(1)])
    with pytest.raises(ValueError, match="gender"):
        match([request(1, gender="w")], [bed(1)])
