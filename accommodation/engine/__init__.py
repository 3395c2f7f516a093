"""Match visiting trainees to beds near the hospitals of their placements.

Python with OR-Tools (no Django) so that it can be tested and benchmarked on
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
* `fixed_bed`, when set, is the only bed the request may get;
* same-gender rooms: beds with the same `Bed.room` share a room; a request with
  `same_gender_only` never shares a room on any night with someone of another gender
  (beds with no room are rooms of their own).

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
0. Segments (`segments`): a request with hospitals in two places or more, no bed of the
   instance within its `max_km` of all of them and no `fixed_bed` is split into segments, one
   per block of consecutive hospitals that one bed can reach (or as `Request.segments` give);
   each is matched on its own and proposals and reasons name the segment.
1. Candidates (`candidates`): beds with the same location, price, attributes, windows,
   confirmed stays and room are one *bed class*; requests with the same dates, stops,
   distance limit, needs, fixed bed and same-gender wish are one *profile*. A grid limits
   each profile to the beds that can be within `max_km`, then every hard constraint is
   checked exactly (a room with a confirmed roommate of another gender, where either minds,
   is out too). Nothing is pruned by cost.
2. Slots and pieces (`grouping`): a bed class's candidate stays, cut along time into groups
   joined by overlaps, are its *slots*; request classes and slots joined by arcs (and all
   slots of a room whose gender rule can bind) form independent *pieces*.
3. A piece whose slots all share a night and whose rooms cannot bind is a transportation
   problem, solved EXACTLY by OR-Tools' min-cost flow (`flow`: maximum flow, then the
   cheapest).
4. Any other piece (a bed may host stays that do not overlap each other; a same-gender
   room) is NP-hard in general. Quick answers first (`search`): greedy, one trainee per bed
   as a min-cost max-flow, the clique-core flow, and the LP relaxation (GLOP) rounded and
   improved by augmenting chains; the best of them is the hint of a MIP (`exact`: SCIP from
   OR-Tools, class counts, one constraint per maximal group of overlapping stays of a bed
   class, same-gender rooms as constraints) solved in two stages (most housed, then least
   cost) within the piece's share of `time_limit`. The best answer of all is kept, so the
   result is never worse than greedy and never houses fewer than one trainee per bed
   (checked by assertions). The MIP's proven bounds (and the LP's bound on housed) give
   `Result.optimal`, `housed_bound` and `cost_bound`; `quality` words them.

The same input always gives the same output (ties are broken by ids; the solvers are
deterministic unless a time limit stops them).

Modules (each imports only from the ones listed before it)
-------------------------------------------------------------
`model` (dataclasses, constants), `rules` (distance, windows, attributes, cost), `wording`
(explanations, reasons, `Result` assembly, segments named, `quality`), `candidates` (step
1), `segments` (step 0), `flow` (min-cost flow), `grouping` (step 2), `search` (the quick
answers), `exact` (the MIP), `heuristic` (`greedy`), `solve` (`match`: steps 0-4).
Only OR-Tools (and numpy, which it brings) besides the standard library: no Django.
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
