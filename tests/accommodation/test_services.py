"""Housing: requests prefilled from placements, matching proposals with explanations and
reasons, confirmation without double booking, reminders, readiness."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accommodation import services
from accommodation.models import Bed, HousingRequest, MatchingRun, Stay
from notifications.models import Notification
from notifications.reminders import run_reminders
from tests.accommodation.conftest import accepted_trainee
from tests.placements.conftest import shortlisted

pytestmark = pytest.mark.django_db


def _request(application, **extra):
    start, end = services.default_dates(application)
    data = {
        "start": start,
        "end": end,
        "budget_per_night": Decimal("40000"),
        "with_family": False,
        "needs_accessible": False,
        "smoker": False,
        "max_km": 5,
        "notes": "",
        **extra,
    }
    return services.request_save(application=application, by=application.trainee, data=data)


def _run(housing, coordinator):
    run = MatchingRun.objects.create(
        organisation=coordinator.coordinator_of,
        program=housing["program"],
        requested_by=coordinator,
    )
    return services.run_execute(run.pk)


def test_the_dates_come_from_the_program_and_requests_open_from_acceptance(housing):
    program = housing["program"]
    application = accepted_trainee(program)
    assert services.default_dates(application) == (
        program.start_date - timedelta(days=1),
        program.end_date + timedelta(days=1),
    )
    waiting = shortlisted(program, name="Early")
    with pytest.raises(ValidationError, match="accepted your offer"):
        _request(waiting)
    with pytest.raises(ValidationError):
        _request(application, end=program.start_date - timedelta(days=5))


def test_matching_proposes_the_near_bed_with_an_explanation_and_explains_the_rest(
    housing, coordinator
):
    program = housing["program"]
    woman = _request(accepted_trainee(program, sex="F", name="Volkova"))
    man = _request(accepted_trainee(program, sex="M", name="Smirnov"))
    second_man = _request(accepted_trainee(program, sex="M", name="Kuznetsov"))
    run = _run(housing, coordinator)
    assert run.status == "done" and run.progress == 100 and run.housed == 2
    stays = {s.request_id: s for s in Stay.objects.filter(status="proposed")}
    assert stays[woman.pk].bed == housing["beds"][1]  # the women-only room
    assert stays[man.pk].bed == housing["beds"][0]
    assert "km" in stays[man.pk].explanation and "Ajou" in stays[man.pk].explanation
    (unmatched,) = run.unmatched
    assert unmatched["request"] == second_man.pk and unmatched["reason"]


def test_confirming_books_the_bed_tells_trainee_and_provider_and_refuses_a_clash(
    housing, coordinator, django_capture_on_commit_callbacks
):
    program = housing["program"]
    first = _request(accepted_trainee(program, name="A"))
    _run(housing, coordinator)
    stay = Stay.objects.get(request=first, status="proposed")
    with django_capture_on_commit_callbacks(execute=True):
        services.stay_confirm(stay=stay, by=coordinator)
    first.refresh_from_db()
    assert first.status == HousingRequest.Status.CONFIRMED
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([first.application.trainee.email, "dorm@example.kr"])
    assert "164 World cup-ro" in next(m.body for m in mail.outbox if m.to[0] != "dorm@example.kr")
    # Another proposal for the same bed and nights (made by hand) cannot be confirmed.
    other = _request(accepted_trainee(program, name="B"))
    clash = Stay.objects.create(request=other, bed=stay.bed, start=other.start, end=other.end)
    with pytest.raises(services.BedTaken):
        services.stay_confirm(stay=clash, by=coordinator)


def test_a_confirmed_bed_is_not_proposed_again(housing, coordinator):
    program = housing["program"]
    first = _request(accepted_trainee(program, name="A"))
    _run(housing, coordinator)
    services.stay_confirm(stay=Stay.objects.get(request=first, status="proposed"), by=coordinator)
    second = _request(accepted_trainee(program, name="B"))
    run = _run(housing, coordinator)
    assert not Stay.objects.filter(request=second, bed=housing["beds"][0]).exists()
    assert (
        run.housed == 0
        or Stay.objects.get(request=second, status="proposed").bed != housing["beds"][0]
    )


def test_housing_reminders_at_90_60_and_30_days_once_each(housing, coordinator):
    program = housing["program"]
    application = accepted_trainee(program)
    today = timezone.localdate()
    schedule = ((100, 0), (85, 1), (85, 0), (55, 1), (25, 1))  # days before, new mails
    sent_so_far = 0
    for days, new in schedule:
        program.start_date = today + timedelta(days=days)
        program.end_date = program.start_date + timedelta(days=27)
        program.application_opens = today - timedelta(days=60)
        program.application_closes = today - timedelta(days=1)
        program.save()
        run_reminders(only=["accommodation.housing-missing"])
        sent = Notification.objects.filter(
            kind="accommodation.housing_missing",
            channel="email",
            to_email=application.trainee.email,
        ).count()
        sent_so_far += new
        assert sent == sent_so_far, (days, sent)
    assert (
        Notification.objects.filter(
            kind="accommodation.housing_missing", to_email=coordinator.email, channel="email"
        ).count()
        == 3
    )


def test_a_trainee_who_shares_only_with_their_gender_never_gets_a_mixed_room(housing, coordinator):
    """The engine keeps the rule: the dormitory's mixed beds count as one room, so the man
    who shares only with men is not put there next to a woman; nobody is dropped after."""
    program = housing["program"]
    Bed.objects.create(
        provider=housing["dorm"], label="Room 1, bed 2", price_per_night=Decimal("30000")
    ).availability.create(start=program.start_date - timedelta(days=10), end=program.end_date)
    man = _request(accepted_trainee(program, sex="M", name="Smirnov"), same_gender_only=True)
    women = [_request(accepted_trainee(program, sex="F", name=f"Kim {n}")) for n in range(2)]
    run = _run(housing, coordinator)
    stays = Stay.objects.filter(status="proposed", bed__provider=housing["dorm"])
    in_mixed = {s.request_id for s in stays if s.bed.gender_policy == "any"}
    assert not (man.pk in in_mixed and in_mixed & {w.pk for w in women})
    assert run.housed == 2 and len(run.unmatched) == 1
    assert run.optimal is True and "optimal" in run.quality()
    assert services.bed_problem(man, housing["beds"][0])  # Room 1 is mixed
