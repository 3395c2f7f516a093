"""The rotation-schedule engine: hard rules and optimality on random small instances (checked
against brute force), and the behaviour a coordinator sees on hand-made examples."""

from __future__ import annotations

from collections import Counter
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placements import engine
from placements.engine import (
    Assignment,
    Site,
    Suggestion,
    Trainee,
    eligible_sites,
    first_fit,
    suggest,
)

A, B, C, D = 10, 20, 30, 40


def site(id: int, capacity: dict[int, int], specialty: int | None = None) -> Site:
    return Site(id=id, specialty=specialty, capacity=capacity)


def trainee(
    id: int,
    preferences: tuple[int, ...] = (),
    periods: tuple[int, ...] = (1,),
    specialty: int | None = None,
) -> Trainee:
    return Trainee(id=id, specialty=specialty, preferences=preferences, periods=periods)


def placed(result: Suggestion) -> dict[tuple[int, int], int]:
    return {(a.trainee, a.period): a.site for a in result.assignments}


# -- random small instances ---------------------------------------------------------------


@st.composite
def instances(draw) -> tuple[list[Trainee], list[Site], list[Assignment]]:
    periods = list(range(1, draw(st.integers(1, 3)) + 1))
    specialties = st.sampled_from([None, 1, 2])
    site_ids = draw(st.permutations([A, B, C, D][: draw(st.integers(1, 4))]))
    sites = [
        Site(
            id=site_id,
            specialty=draw(specialties),
            capacity={
                p: draw(st.integers(0, 3))
                for p in draw(st.lists(st.sampled_from(periods), unique=True))
            },
        )
        for site_id in site_ids
    ]
    trainees = [
        Trainee(
            id=trainee_id,
            specialty=draw(specialties),
            # 99 names no site; repeats are allowed and count once.
            preferences=tuple(draw(st.lists(st.sampled_from([*site_ids, 99]), max_size=5))),
            periods=tuple(draw(st.lists(st.sampled_from(periods), unique=True))),
        )
        for trainee_id in draw(st.permutations(range(1, draw(st.integers(0, 6)) + 1)))
    ]
    # Fixed assignments within capacity, one per cell, for the cohort and for an outsider (7).
    fixed: list[Assignment] = []
    used: Counter[tuple[int, int]] = Counter()
    cells: set[tuple[int, int]] = set()
    candidates = st.tuples(
        st.sampled_from([*(t.id for t in trainees), 7]),
        st.sampled_from(periods),
        st.sampled_from(sites),
    )
    for trainee_id, period, where in draw(st.lists(candidates, max_size=4)):
        if (trainee_id, period) in cells or used[where.id, period] >= where.capacity.get(period, 0):
            continue
        cells.add((trainee_id, period))
        used[where.id, period] += 1
        fixed.append(Assignment(trainee_id, period, where.id))
    return trainees, sites, fixed


def check_hard_rules(result: Suggestion, trainees, sites, fixed) -> None:
    by_id = {t.id: t for t in trainees}
    capacity = {s.id: s.capacity for s in sites}
    fixed_cells = {(a.trainee, a.period) for a in fixed}
    load = Counter((a.site, a.period) for a in [*fixed, *result.assignments])
    for (site_id, period), count in load.items():
        assert count <= capacity[site_id].get(period, 0), "over capacity"
    cells = Counter((a.trainee, a.period) for a in result.assignments)
    assert max(cells.values(), default=1) == 1, "two sites in one period"
    for a in result.assignments:
        assert a.site in eligible_sites(by_id[a.trainee], sites), "not eligible"
        assert a.period in by_id[a.trainee].periods, "not one of the trainee's periods"
        assert (a.trainee, a.period) not in fixed_cells, "fixed cell assigned again"
    # Every cell to fill is either assigned or reported unplaced, and the lists are sorted.
    to_fill = {(t.id, p) for t in trainees for p in t.periods} - fixed_cells
    assert set(cells) | set(result.unplaced) == to_fill
    assert not set(cells) & set(result.unplaced)
    assert result.assignments == sorted(result.assignments, key=lambda a: (a.trainee, a.period))
    assert result.unplaced == sorted(result.unplaced)
    ranked = [a for a in result.assignments if a.site in by_id[a.trainee].preferences]
    first = [a for a in ranked if a.site == ranks(by_id[a.trainee], sites)[0]]
    assert (result.first_choices, result.ranked) == (len(first), len(ranked))


def ranks(t: Trainee, sites) -> list[int]:
    """The trainee's preferences that exist, without repeats."""
    existing = {s.id for s in sites}
    return list(dict.fromkeys(p for p in t.preferences if p in existing))


def profile(trainees, sites, period, chosen: dict[int, int], before: dict[int, int]) -> tuple:
    """What `suggest` maximises in a period, in order: cells filled, first choices, second
    choices, …, then trainees at the site they hold the period before or (fixed) after."""
    depth = max((len(ranks(t, sites)) for t in trainees), default=0)
    counts = [len(chosen)] + [0] * depth
    stays = 0
    for t in trainees:
        if t.id in chosen:
            prefs = ranks(t, sites)
            if chosen[t.id] in prefs:
                counts[1 + prefs.index(chosen[t.id])] += 1
            stays += before.get(t.id, []).count(chosen[t.id])
    return (*counts, stays)


def brute_force(trainees, sites, fixed, period, near: dict[int, list[int]]) -> tuple:
    """The best profile over every assignment of the period (small instances only)."""
    fixed_cells = {(a.trainee, a.period) for a in fixed}
    room = {s.id: s.capacity.get(period, 0) for s in sites}
    for a in fixed:
        if a.period == period:
            room[a.site] -= 1
    cells = [t for t in trainees if period in t.periods and (t.id, period) not in fixed_cells]
    options = [eligible_sites(t, sites) for t in cells]
    best: tuple = ()
    chosen: dict[int, int] = {}

    def walk(k: int) -> None:
        nonlocal best
        if k == len(cells):
            best = max(best, profile(trainees, sites, period, chosen, near))
            return
        walk(k + 1)  # unplaced
        for site_id in options[k]:
            if room[site_id] > 0:
                room[site_id] -= 1
                chosen[cells[k].id] = site_id
                walk(k + 1)
                del chosen[cells[k].id]
                room[site_id] += 1

    walk(0)
    return best


def neighbours_sites(trainees, fixed, result, period) -> dict[int, list[int]]:
    """Per trainee, the sites it holds in its period before (fixed or suggested) and, if
    fixed, its period after `period`; a trainee's calendar is its periods and fixed ones."""
    held = {(a.trainee, a.period): a.site for a in [*fixed, *result.assignments]}
    fixed_at = {(a.trainee, a.period): a.site for a in fixed}
    near = {}
    for t in trainees:
        days = sorted(set(t.periods) | {p for (i, p) in fixed_at if i == t.id})
        if period not in days:
            continue
        k = days.index(period)
        sites = []
        if k > 0:
            sites.append(held.get((t.id, days[k - 1])))
        if k + 1 < len(days):
            sites.append(fixed_at.get((t.id, days[k + 1])))
        near[t.id] = sites
    return near


def period_view(result: Suggestion, period: int) -> dict[int, int]:
    return {a.trainee: a.site for a in result.assignments if a.period == period}


def periods_of(trainees) -> list[int]:
    return sorted({p for t in trainees for p in t.periods})


fast = settings(max_examples=200, deadline=None)


@fast
@given(instances())
def test_suggest_and_first_fit_keep_every_hard_rule(instance):
    trainees, sites, fixed = instance
    check_hard_rules(suggest(trainees, sites, fixed), trainees, sites, fixed)
    check_hard_rules(first_fit(trainees, sites, fixed), trainees, sites, fixed)


@fast
@given(instances())
def test_suggest_fills_as_many_cells_as_the_best_assignment(instance):
    trainees, sites, fixed = instance
    result = suggest(trainees, sites, fixed)
    best = sum(brute_force(trainees, sites, fixed, p, {})[0] for p in periods_of(trainees))
    assert len(result.assignments) == best


@fast
@given(instances())
def test_suggest_maximises_first_choices_then_lower_ranks_then_staying_put(instance):
    trainees, sites, fixed = instance
    result = suggest(trainees, sites, fixed)
    for period in periods_of(trainees):
        near = neighbours_sites(trainees, fixed, result, period)
        chosen = period_view(result, period)
        got = profile(trainees, sites, period, chosen, near)
        assert got == brute_force(trainees, sites, fixed, period, near)


@fast
@given(instances())
def test_the_optimum_holds_when_every_level_needs_its_own_solve(instance):
    # Large cohorts cannot weigh all levels in one 64-bit solve: the engine then solves level
    # by level, fixing between solves what the optima so far must and must not use. A tiny
    # cost limit forces that path on instances small enough for brute force.
    trainees, sites, fixed = instance
    with mock.patch.object(engine, "_COST_LIMIT", 3_000):
        result = suggest(trainees, sites, fixed)
    check_hard_rules(result, trainees, sites, fixed)
    for period in periods_of(trainees):
        near = neighbours_sites(trainees, fixed, result, period)
        got = profile(trainees, sites, period, period_view(result, period), near)
        assert got == brute_force(trainees, sites, fixed, period, near)


def test_a_cohort_too_large_for_one_solve_is_solved_in_several():
    # 3,000 trainees ranking 5 sites: the lexicographic weights of all levels exceed 64 bits.
    sites = [site(i, {1: 400}, specialty=1) for i in range(1, 9)]
    trainees = [
        trainee(1000 + k, preferences=tuple(1 + (k + j) % 8 for j in range(5)), specialty=1)
        for k in range(3_000)
    ]
    solver = engine._PeriodSolver(engine._Plan(trainees, sites, []), 1, {})
    nodes = len(solver.cells) + len(solver.site_ids) + 2
    assert len(engine._groups(solver.levels, nodes)) > 1
    result = suggest(trainees, sites)
    assert len(result.assignments) == 3_000  # 8 × 400 places
    # 400 first choices per site: every site is somebody's first choice for 375 trainees.
    assert result.first_choices == 3_000


@fast
@given(instances())
def test_suggest_honours_as_many_first_choices_as_first_fit_when_filling_as_many(instance):
    # Filling every cell comes first, and can cost a first choice that first_fit, which
    # leaves the cell empty, keeps (see test_filling_a_cell_comes_before_a_first_choice).
    trainees, sites, fixed = instance
    result, baseline = suggest(trainees, sites, fixed), first_fit(trainees, sites, fixed)
    for period in periods_of(trainees):
        ours, theirs = period_view(result, period), period_view(baseline, period)
        assert len(ours) >= len(theirs)
        if len(ours) == len(theirs):
            first = {t.id: (ranks(t, sites) or [None])[0] for t in trainees}
            assert sum(first[t] == s for t, s in ours.items()) >= sum(
                first[t] == s for t, s in theirs.items()
            )


@fast
@given(instances(), st.randoms(use_true_random=False))
def test_suggest_is_deterministic_whatever_the_input_order(instance, rng):
    trainees, sites, fixed = instance
    result = suggest(trainees, sites, fixed)
    assert suggest(trainees, sites, fixed) == result
    shuffled_trainees, shuffled_sites = list(trainees), list(sites)
    rng.shuffle(shuffled_trainees)
    rng.shuffle(shuffled_sites)
    assert suggest(shuffled_trainees, shuffled_sites, fixed[::-1]) == result


# -- examples -----------------------------------------------------------------------------


def test_eligible_sites_are_the_preferences_in_order_then_the_specialty_sites_by_id():
    sites = [site(D, {}, 1), site(C, {}, 2), site(B, {}, 1), site(A, {}, 1)]
    someone = trainee(1, preferences=(C, 99, A, C), specialty=1)
    assert eligible_sites(someone, sites) == [C, A, B, D]


def test_a_trainee_without_a_specialty_is_eligible_for_its_preferences_only():
    sites = [site(A, {}, None), site(B, {}, None)]
    assert eligible_sites(trainee(1, preferences=(B,)), sites) == [B]


def test_a_contested_first_choice_goes_to_the_trainee_already_there():
    sites = [site(A, {1: 1, 2: 1}), site(B, {2: 1})]
    trainees = [trainee(1, (A, B), periods=(2,)), trainee(2, (A, B), periods=(1, 2))]
    result = suggest(trainees, sites, fixed=[Assignment(2, 1, A)])
    assert placed(result) == {(1, 2): B, (2, 2): A}


def test_a_trainee_placed_by_the_suggestion_the_week_before_keeps_a_contested_site():
    sites = [site(A, {1: 1, 2: 1}), site(B, {2: 1})]
    trainees = [trainee(1, (A, B), periods=(2,)), trainee(2, (A, B), periods=(1, 2))]
    assert placed(suggest(trainees, sites)) == {(2, 1): A, (1, 2): B, (2, 2): A}


def test_without_history_a_contested_first_choice_goes_to_the_lower_id():
    sites = [site(A, {1: 1}), site(B, {1: 1})]
    trainees = [trainee(2, (A, B)), trainee(1, (A, B))]
    assert placed(suggest(trainees, sites)) == {(1, 1): A, (2, 1): B}


def test_a_trainee_moves_to_a_second_choice_so_that_another_can_be_placed():
    sites = [site(A, {1: 1}), site(B, {1: 1})]
    trainees = [trainee(1, (A, B)), trainee(2, (A,))]
    result = suggest(trainees, sites)
    assert placed(result) == {(1, 1): B, (2, 1): A}
    assert (result.unplaced, result.first_choices, result.ranked) == ([], 1, 2)
    assert first_fit(trainees, sites).unplaced == [(2, 1)]


def test_a_chain_of_moves_places_the_last_trainee():
    sites = [site(A, {1: 1}), site(B, {1: 1}), site(C, {1: 1})]
    trainees = [trainee(1, (A,)), trainee(2, (A, B)), trainee(3, (B, C))]
    # Greedy by rank: 1 takes A, 3 takes B, 2 is left; 2 → B pushes 3 to C.
    result = suggest(trainees, sites)
    assert placed(result) == {(1, 1): A, (2, 1): B, (3, 1): C}


def test_filling_a_cell_comes_before_a_first_choice():
    # Trainee 2 fits nowhere but A; trainee 1 can also go to B, a site of its specialty.
    sites = [site(A, {1: 1}, specialty=1), site(B, {1: 1}, specialty=1), site(C, {1: 0})]
    trainees = [trainee(1, (A,), specialty=1), trainee(2, (C, A))]
    result, baseline = suggest(trainees, sites), first_fit(trainees, sites)
    assert placed(result) == {(1, 1): B, (2, 1): A}
    assert (result.first_choices, result.unplaced) == (0, [])
    assert (baseline.first_choices, baseline.unplaced) == (1, [(2, 1)])


def test_more_second_choices_win_when_first_choices_are_equal():
    sites = [site(A, {1: 1}), site(B, {1: 1}), site(C, {1: 1}, specialty=1)]
    trainees = [trainee(1, (A, B)), trainee(2, (A,), specialty=1)]
    # Trainee 1 at A would leave trainee 2 an unranked site; 2 at A gives 1 its second.
    result = suggest(trainees, sites)
    assert placed(result) == {(1, 1): B, (2, 1): A}
    assert (result.first_choices, result.ranked) == (1, 2)


def test_no_eligible_site_leaves_the_cell_unplaced():
    sites = [site(A, {1: 5}, specialty=1)]
    trainees = [trainee(1, (), specialty=2), trainee(2, (99,)), trainee(3, (A,))]
    result = suggest(trainees, sites)
    assert placed(result) == {(3, 1): A}
    assert result.unplaced == [(1, 1), (2, 1)]


def test_a_full_site_leaves_the_last_cell_unplaced():
    sites = [site(A, {1: 2})]
    trainees = [trainee(i, (A,)) for i in (1, 2, 3)]
    result = suggest(trainees, sites)
    assert len(result.assignments) == 2
    assert len(result.unplaced) == 1


def test_fixed_assignments_use_up_places_and_their_cells_are_not_filled_again():
    sites = [site(A, {1: 2, 2: 2}), site(B, {1: 2, 2: 2})]
    trainees = [trainee(1, (A, B), periods=(1, 2)), trainee(2, (A, B), periods=(1, 2))]
    # An outsider (9) holds a place at A in both weeks; trainee 1 is fixed at B in week 1.
    fixed = [Assignment(9, 1, A), Assignment(9, 2, A), Assignment(1, 1, B)]
    result = suggest(trainees, sites, fixed)
    assert placed(result) == {(1, 2): B, (2, 1): A, (2, 2): A}


def test_fixed_assignments_over_capacity_leave_no_room_and_stay_as_they_are():
    sites = [site(A, {1: 1})]
    fixed = [Assignment(8, 1, A), Assignment(9, 1, A)]
    result = suggest([trainee(1, (A,))], sites, fixed)
    assert result.assignments == []
    assert result.unplaced == [(1, 1)]


def test_a_closed_site_takes_nobody_that_week():
    sites = [site(A, {1: 3, 3: 3})]  # closed in week 2
    result = suggest([trainee(1, (A,), periods=(1, 2, 3))], sites)
    assert placed(result) == {(1, 1): A, (1, 3): A}
    assert result.unplaced == [(1, 2)]


def test_only_the_trainees_own_periods_are_filled():
    sites = [site(A, dict.fromkeys(range(1, 6), 5))]
    result = suggest([trainee(1, (A,), periods=(4, 2, 2))], sites)
    assert placed(result) == {(1, 2): A, (1, 4): A}


def test_a_trainee_stays_at_the_same_specialty_site_when_nothing_is_lost():
    weeks = (1, 2, 3)
    sites = [site(A, dict.fromkeys(weeks, 3), 1), site(B, dict.fromkeys(weeks, 3), 1)]
    someone = trainee(1, (), periods=(1, 3), specialty=1)
    # Fixed at B in week 2, so weeks 1 (before a fixed week) and 3 (after it) go to B too.
    result = suggest([someone], sites, fixed=[Assignment(1, 2, B)])
    assert placed(result) == {(1, 1): B, (1, 3): B}


def test_a_trainee_is_kept_at_the_site_chosen_for_the_week_before():
    weeks = (1, 2, 3)
    sites = [site(A, {1: 0, 2: 1, 3: 1}, 1), site(B, dict.fromkeys(weeks, 1), 1)]
    someone = trainee(1, (), periods=weeks, specialty=1)
    # Week 1 has only B; staying there beats moving to A, the lower id, later on.
    assert placed(suggest([someone], sites)) == {(1, 1): B, (1, 2): B, (1, 3): B}


def test_staying_put_never_costs_a_first_choice():
    sites = [site(A, {1: 1, 2: 1}), site(B, {1: 1, 2: 1})]
    someone = trainee(1, (B,), periods=(2,))
    result = suggest([someone], sites, fixed=[Assignment(1, 1, A)])
    assert placed(result) == {(1, 2): B}


def test_first_fit_takes_trainees_in_the_given_order():
    sites = [site(A, {1: 1}), site(B, {1: 1})]
    trainees = [trainee(2, (A, B)), trainee(1, (A, B))]
    result = first_fit(trainees, sites)
    assert placed(result) == {(2, 1): A, (1, 1): B}
    assert (result.first_choices, result.ranked) == (1, 2)


def test_an_empty_cohort_gets_an_empty_suggestion():
    assert suggest([], [site(A, {1: 1})]) == Suggestion([], [], 0, 0)


@pytest.mark.parametrize("algorithm", [suggest, first_fit])
def test_duplicate_ids_are_refused(algorithm):
    with pytest.raises(ValueError, match="trainees"):
        algorithm([trainee(1), trainee(1)], [site(A, {1: 1})])
    with pytest.raises(ValueError, match="sites"):
        algorithm([trainee(1)], [site(A, {1: 1}), site(A, {1: 2})])
