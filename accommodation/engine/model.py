"""The engine's data: requests, beds and weights in; proposals and results out; the
candidate pairs compressed into request and bed classes (`Candidates`) in between.

Plain dataclasses and constants; the rules that read them are in `rules`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

EARTH_RADIUS_KM = 6371.0
COST_SCALE = 1_000_000  # integer cost units per unit of cost (one km-day)
ONE_DAY = timedelta(days=1)
GENDERS = ("woman", "man", "other")
POLICIES = ("any", "women", "men")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Bed:
    """One bed a provider offers, available on the nights of its `windows` (both ends included)."""

    id: int
    provider: int
    lat: float
    lon: float
    price_per_night: float
    gender_policy: str  # "any" | "women" | "men"
    accessible: bool
    family_friendly: bool
    smoking: bool
    windows: tuple[tuple[date, date], ...]
    city: str = ""
    label: str = ""
    room: str | None = None  # beds with the same room share it; None: a room of its own


@dataclass(frozen=True)
class Stop:
    """A hospital the trainee works at on the days `start` .. `end` (both included)."""

    lat: float
    lon: float
    start: date
    end: date
    name: str


@dataclass(frozen=True)
class Request:
    """A trainee's housing request: nights `start` .. `end - 1` (`end` is the departure day)."""

    id: int
    start: date
    end: date
    gender: str  # "woman" | "man" | "other"
    budget_per_night: float
    needs_accessible: bool = False
    with_family: bool = False
    smoker: bool = False
    max_km: float = 10.0
    stops: tuple[Stop, ...] = ()
    cohort: str = ""
    fixed_bed: int | None = None
    same_gender_only: bool = False  # shares a room only with people of the same gender
    segments: tuple[Segment, ...] = ()  # explicit segments; empty: split only when needed


@dataclass(frozen=True)
class Segment:
    """Part of a stay housed on its own: nights `start` .. `end - 1` near `stops` (a block of
    the rotation). A request's segments partition its nights, in order."""

    start: date
    end: date
    stops: tuple[Stop, ...] = ()


@dataclass(frozen=True)
class Weights:
    """Cost weights, in km-days (one km between bed and hospital for one working day)."""

    km_day: float = 1.0  # per km per day at a stop
    over_budget: float = 1.0  # per currency unit above the budget, per night
    smoker_non_smoking: float = 0.5  # per night, a smoker in a non-smoking room
    spare_feature: float = 0.1  # per night and feature: accessible/family bed not needed


@dataclass(frozen=True)
class Proposal:
    """Request `request` gets bed `bed`; `distance_km` is the farthest stop."""

    request: int
    bed: int
    cost: float
    distance_km: float
    explanation: str
    start: date | None = None  # the nights proposed: the segment's, or the whole stay's
    end: date | None = None
    segment: int = 0  # 1-based segment number when the stay is split, else 0
    segments: int = 0  # how many segments the stay is split into (0: not split)


@dataclass(frozen=True)
class Unmatched:
    """Request `request` got no bed, and why."""

    request: int
    reason: str
    start: date | None = None  # set for an unmatched segment of a split stay
    end: date | None = None
    segment: int = 0


@dataclass
class Result:
    """Proposals and unmatched requests (both by request id) and figures about the run.

    `stats`: requests, beds, existing, housed, unmatched, cost (float), cost_units (int),
    candidate_pairs (feasible request-bed pairs), request_classes, bed_classes, class_arcs,
    components, exact_components, heuristic_components, optimal (True when every component
    was solved exactly), seconds ({"candidates": ..., "solve": ...}; the only part that
    varies between runs), housed_bound, cost_bound, segments (split requests).

    `optimal` is True when the answer is proven best; otherwise `housed_bound` is the most
    requests (segments) any answer could house and `cost_bound` the least cost any answer
    housing as many as this one could have (both proven by the solver), so `housed_gap` and
    `cost_gap` (percent) say how far from the best possible this answer can at most be.
    """

    proposals: list[Proposal]
    unmatched: list[Unmatched]
    stats: dict
    optimal: bool = True
    housed_bound: int = 0
    cost_bound: float = 0.0

    @property
    def housed_gap(self) -> int:
        return max(0, self.housed_bound - len(self.proposals))

    @property
    def cost_gap(self) -> float:
        """Percent by which the cost may exceed the best possible (0 when proven optimal)."""
        cost = sum(p.cost for p in self.proposals)
        if self.optimal or cost <= 0:
            return 0.0
        return max(0.0, (cost - self.cost_bound) / cost * 100.0)


@dataclass
class Candidates:
    """Every feasible (request, bed) pair, compressed into classes.

    Request class `i` (ids `request_classes[i]`, all with the stay `stays[i]`) may take any
    bed of bed class `arc_beds[i][k]` at cost `arc_costs[i][k]` (`arc_units[i][k]` in integer
    units), cheapest first (ties: lower bed class); each member costs the same in each member
    bed. Bed classes are numbered in the order of their smallest bed id and list their beds
    by id. Requests without a single candidate are in classes with no arcs; requests whose
    stay has no nights are in `invalid`.
    """

    request_classes: list[tuple[int, ...]]
    bed_classes: list[tuple[int, ...]]
    stays: list[tuple[date, date]]
    arc_beds: list[list[int]]
    arc_units: list[list[int]]
    arc_costs: list[list[float]]
    pairs: int
    requests: dict[int, Request] = field(repr=False)
    beds: dict[int, Bed] = field(repr=False)
    occupied: dict[int, list[tuple[date, date, int]]] = field(repr=False)
    existing: dict[int, int] = field(repr=False)
    invalid: dict[int, str] = field(repr=False)
    weights: Weights = field(repr=False)
    seconds: float = 0.0
