"""Match visiting trainees to beds near the hospitals of their placements.

Pure Python (standard library only, no Django) so that it can be tested and benchmarked on
its own. Dataclasses in, dataclasses out; the coordinator reviews the proposals (each with an
explanation) and the unmatched requests (each with the reason) before anything is booked.

Dates
-----
A `Request` stays from `start` (arrival) to `end` (departure): it occupies the bed on the
nights `start` .. `end - 1`, so a stay ending on 21 June and one starting on 21 June can use
the same bed. A bed's availability `windows` are spans of nights, both ends included: a stay
fits the window (first, last) iff first <= start and end - 1 day <= last. A `Stop` is worked
on the days `start` .. `end`, both included (`stop_days`).

Hard constraints (a proposal never breaks one)
----------------------------------------------
* the stay fits inside one availability window of the bed;
* a bed holds one trainee a night: stays on a bed never share a night, counting the
  confirmed stays passed as `existing` (which are not proposed again);
* gender policy: "women" beds only for gender "woman", "men" beds only for "man", "any" beds
  for everyone ("other" therefore only gets "any" beds);
* `needs_accessible` needs an accessible bed, `with_family` a family-friendly one;
* a non-smoker is never put in a smoking room; a smoker may take any room (a non-smoking one
  costs a small preference term, see `Weights`);
* every stop is at most `max_km` from the bed (haversine, Earth radius 6371 km);
* `fixed_bed`, when set, is the only bed the request may get.

The budget is not hard: a bed above `budget_per_night` costs the excess times the nights
times `Weights.over_budget`.

Objective (lexicographic)
-------------------------
1. house as many requests as possible;
2. then minimise the total cost, the sum over proposals of `pair_cost`:
   Σ over stops (km to the bed × days at the stop) × `km_day`
   + (price − budget, if positive) × nights × `over_budget`
   + `smoker_non_smoking` × nights for a smoker in a non-smoking room
   + `spare_feature` × nights for each accessible / family-friendly feature the trainee does
   not need (keeps such beds for those who do).
   The solvers compare costs in integer units of 1e-6 (`cost_units`), so "optimal" means
   optimal for the costs rounded to 1e-6; the float total differs from the true float optimum
   by at most 1e-6 per proposal. No cohort bonus: rewarding pairs of trainees for living close
   makes the problem quadratic and would cost the exactness below.

How
---
1. Candidates (`candidates`): beds with the same location, price, attributes, windows and
   confirmed stays are one *bed class* (a dormitory's identical beds); requests with the
   same dates, stops, distance limit, needs and fixed bed are one *profile*. Bed classes
   are put in a latitude/longitude grid; each profile looks only at the cells that can hold
   a bed within `max_km` of its first stop (a rigorous bound from the haversine formula),
   then checks every hard constraint exactly. Nothing is pruned by cost. Requests of one
   profile with the same budget (or with budgets above every candidate's price) cost the
   same everywhere and form a *request class*.
2. Slots: a bed class's candidate requests are cut, along time, into groups connected by
   overlapping stays; stays in different groups never share a night, so each group is an
   independent *slot* of the class (this is how one bed is reused by consecutive cohorts).
   A slot is a *clique* when all its requests share a night.
3. Components: request classes and slots joined by candidate arcs split into connected
   components, solved independently.
4. A component whose slots are all cliques is a transportation problem (a slot of c beds
   takes at most c of its requests): it is solved EXACTLY as a min-cost max-flow by
   successive shortest paths (Dijkstra with potentials, one augmenting path per row and
   bottleneck, rows in a fixed order; "house as many as possible first" is an "unhoused"
   arc per row costing more than any set of real arcs). This covers
   the usual cases: a cohort on the same dates, cohorts back to back or overlapping, any mix
   where no single bed could host two stays of one time-connected group.
5. Any other component (one bed could host two stays that are not separate in time from a
   third, e.g. a long stay bridging two cohorts) is NP-hard in general (interval scheduling
   with machine eligibility) and is solved per trainee and bed by the best of:
   a. "clique core": in each non-clique slot keep only the requests whose overlapping
      neighbours all overlap each other (those fall into separate cliques) and solve that
      restriction exactly as a flow; the requests it left out then take the cheapest beds
      still free;
   b. the greedy baseline; c. arrival days in order, each day's arrivals given an exact
      assignment on the beds still free (up to `ROLLING_ARCS` request-bed pairs);
   d. the bridging requests (those left out in a.) fixed where the best of a-c put them, or
      where they would go alone, and everyone else re-solved exactly around them (the rest
      is then a transportation problem).
   Then, for components of at most `SEARCH_REQUESTS` requests, an exact branch and bound
   seeded with that answer proves or improves it within `exact_nodes` search nodes (shared by
   all such components of a run). If it finishes, the component counts as exact; otherwise
   the heuristic answer stands and `stats["optimal"]` is False.

So: EXACT for every component that is a transportation problem and for small other ones;
otherwise a heuristic that is never worse than `greedy` with the requests in id order (on one seeded regional instance
with five stays bridging two cohorts it came within 0.1% of the best cost CP-SAT found in
five minutes, with the same coverage).

The same input always gives the same output (ties are broken by ids).

Modules (each imports only from the ones listed before it)
-------------------------------------------------------------
`model` (dataclasses, constants), `rules` (distance, windows, attributes, cost), `wording`
(explanations, reasons, `Result`), `candidates` (step 1), `flow` (the exact min-cost flow),
`grouping` (steps 2 and 3), `search` (the per-request heuristics and branch and bound of
step 5), `heuristic` (`greedy`), `solve` (`match`: steps 4 and 5).
"""

from __future__ import annotations

from .candidates import candidates
from .heuristic import greedy
from .model import (
    COST_SCALE,
    EARTH_RADIUS_KM,
    Bed,
    Candidates,
    Proposal,
    Request,
    Result,
    Segment,
    Stop,
    Unmatched,
    Weights,
)
from .model import GENDERS as GENDERS
from .model import ONE_DAY as ONE_DAY
from .model import POLICIES as POLICIES
from .rules import compatible, cost_units, fits_window, haversine_km, nights, pair_cost, stop_days
from .solve import PIECE_SECONDS as PIECE_SECONDS
from .solve import TIME_LIMIT as TIME_LIMIT
from .solve import match
from .wording import MONTHS as MONTHS
from .wording import quality as quality

__all__ = [
    "COST_SCALE",
    "EARTH_RADIUS_KM",
    "Bed",
    "Candidates",
    "Proposal",
    "Request",
    "Result",
    "Segment",
    "Stop",
    "Unmatched",
    "Weights",
    "candidates",
    "compatible",
    "cost_units",
    "fits_window",
    "greedy",
    "haversine_km",
    "match",
    "nights",
    "pair_cost",
    "quality",
    "stop_days",
]
