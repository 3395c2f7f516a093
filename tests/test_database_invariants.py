"""The database holds the invariants, whoever writes: each test writes AROUND the services
(plain ORM) and expects IntegrityError. Check constraints hold on SQLite and PostgreSQL; the
exclusion constraints and the placement's composite foreign key are PostgreSQL's
(tests marked `services`). The services turn a write that reaches a constraint into the same
refusal the checked path gives."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from accommodation import services as housing
from accommodation.models import Availability, HousingRequest, Stay
from accounts.models import User
from applications.models import Offer, RefereeRequest
from placements import capacity
from placements import services as placements
from placements.models import Placement
from programs.models import Program, RotationSite
from tests.accommodation.conftest import accepted_trainee, make_housing
from tests.factories import (
    InvitationFactory,
    PartnershipFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    UserFactory,
)
from tests.placements.conftest import make_cohort, shortlisted

pytestmark = pytest.mark.django_db
P = Placement.Status


def broken(write) -> None:
    """The write raises IntegrityError (in a savepoint, so the test goes on)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


@pytest.fixture
def world(coordinator):
    data = make_housing(coordinator)
    data["application"] = accepted_trainee(data["program"], name="Kim")
    return data


def _placement(application, site, start, end, status=P.PLANNED):
    return Placement.objects.create(
        application=application,
        rotation_site=site,
        department=site.department,
        start_date=start,
        end_date=end,
        status=status,
    )


def _request(application, start, end):
    return HousingRequest.objects.create(
        application=application, start=start, end=end, budget_per_night=Decimal(50000)
    )


# --- Date ranges (every backend) -------------------------------------------------------


def test_every_date_range_ends_after_it_starts(world, coordinator):
    program, site = world["program"], world["sites"][0]
    application, bed = world["application"], world["beds"][0]
    day = program.start_date
    broken(lambda: Program.objects.filter(pk=program.pk).update(end_date=day - timedelta(days=1)))
    broken(lambda: RotationSite.objects.filter(pk=site.pk).update(end_date=day - timedelta(1)))
    broken(lambda: _placement(application, site, day, day - timedelta(days=1)))
    broken(lambda: Availability.objects.create(bed=bed, start=day, end=day - timedelta(days=1)))
    broken(lambda: _request(application, day, day))  # arrival and departure the same day
    request = _request(application, day, day + timedelta(days=7))
    broken(lambda: Stay.objects.create(request=request, bed=bed, start=day, end=day))
    broken(lambda: PartnershipFactory(signed_on=date(2020, 1, 1), expires_on=date(2019, 12, 31)))
    now = timezone.now()
    broken(
        lambda: Offer.objects.create(
            application=application, deadline=now - timedelta(hours=1), made_by=coordinator
        )
    )
    broken(
        lambda: RefereeRequest.objects.create(
            application=application, name="Dr Lee", email="lee@example.org", expires_at=now
        )
    )
    broken(lambda: InvitationFactory(created_at=now, expires_at=now - timedelta(minutes=1)))


def test_one_day_ranges_are_legal_where_the_domain_allows_them(world):
    program, site = world["program"], world["sites"][0]
    day = program.start_date
    assert _placement(world["application"], site, day, day).pk  # dates are inclusive
    assert Availability.objects.create(bed=world["beds"][0], start=day, end=day).pk
    request = _request(world["application"], day, day + timedelta(days=1))  # one night
    assert Stay.objects.create(request=request, bed=world["beds"][0], start=day, end=request.end)


# --- E-mail addresses ------------------------------------------------------------------


def test_an_email_address_is_unique_regardless_of_case():
    UserFactory(email="ivan.petrov@example.org")
    broken(lambda: User(email="Ivan.Petrov@Example.org").save())
    assert User.objects.create_user("IVAN@example.ORG").email == "ivan@example.org"
    broken(lambda: User.objects.create_user("ivan@EXAMPLE.org"))


def test_sign_up_stores_addresses_in_lower_case_and_never_twice(client):
    form = {
        "password1": "a-long-passphrase-2026",
        "password2": "a-long-passphrase-2026",
        "first_name": "Ivan",
        "last_name": "Petrov",
        "accept_privacy": "on",
    }
    client.post(reverse("account_signup"), {**form, "email": "Ivan@Example.org"})
    assert User.objects.get().email == "ivan@example.org"
    client.logout()
    response = client.post(reverse("account_signup"), {**form, "email": "IVAN@example.ORG"})
    assert response.status_code == 302  # allauth does not tell who has an account...
    assert User.objects.count() == 1  # ...and makes no second one


def test_the_model_check_explains_a_case_only_duplicate():
    UserFactory(email="ivan@example.org")
    with pytest.raises(ValidationError) as refused:  # what a form would show
        User(email="IVAN@example.org").validate_constraints()
    assert refused.value.messages == ["A user with this e-mail address already exists."]


# --- PostgreSQL: a trainee is in one place at a time ------------------------------------


@pytest.fixture
def pg_cohort(postgres, coordinator):
    data = make_cohort(coordinator)
    data["application"] = shortlisted(data["program"], name="Kim")
    return data


@pytest.mark.services
def test_a_trainees_live_placements_never_overlap(pg_cohort):
    application, (first, second) = pg_cohort["application"], pg_cohort["sites"]
    day = pg_cohort["program"].start_date
    _placement(application, first, day, day + timedelta(days=6))
    broken(lambda: _placement(application, second, day + timedelta(days=6), day + timedelta(9)))
    # The day after is free; cancelled and declined placements hold no place.
    assert _placement(application, second, day + timedelta(days=7), day + timedelta(days=9))
    assert _placement(application, second, day, day + timedelta(days=3), status=P.CANCELLED)
    assert _placement(application, second, day, day + timedelta(days=3), status=P.DECLINED)


@pytest.fixture
def elsewhere(pg_cohort, coordinator):
    """The same trainee, chosen by a second program over the same dates."""
    program = pg_cohort["program"]
    other_program = PublishedProgramFactory(
        organisation=coordinator.coordinator_of,
        start_date=program.start_date,
        end_date=program.end_date,
    )
    site = RotationSiteFactory(program=other_program)
    application = shortlisted(other_program, name="Kim")
    application.trainee = pg_cohort["application"].trainee
    application.save()
    return application, site


@pytest.mark.services
def test_the_overlap_is_refused_across_the_trainees_applications(pg_cohort, elsewhere):
    day = pg_cohort["program"].start_date
    _placement(pg_cohort["application"], pg_cohort["sites"][0], day, day + timedelta(days=6))
    other, other_site = elsewhere
    broken(lambda: _placement(other, other_site, day + timedelta(days=3), day + timedelta(9)))


@pytest.mark.services
def test_a_placement_cannot_name_another_trainee_than_its_application(pg_cohort):
    day = pg_cohort["program"].start_date
    placement = _placement(pg_cohort["application"], pg_cohort["sites"][0], day, day)
    someone_else = UserFactory()
    broken(lambda: Placement.objects.filter(pk=placement.pk).update(trainee=someone_else))


@pytest.mark.services
def test_a_write_that_reaches_the_constraint_gets_the_checks_refusal(
    pg_cohort, elsewhere, coordinator, monkeypatch
):
    application, site = pg_cohort["application"], pg_cohort["sites"][0]
    day = pg_cohort["program"].start_date
    other, other_site = elsewhere
    _placement(other, other_site, day, day + timedelta(days=6))
    monkeypatch.setattr(capacity, "overlaps_own", lambda *args, **kwargs: False)  # missed
    with pytest.raises(placements.PlacementRefused, match="already has a placement in this"):
        placements.placement_create(
            application=application,
            department=site.department,
            start=day,
            end=day + timedelta(days=6),
            by=coordinator,
            site=site,
        )
    week = placements.weeks(pg_cohort["program"])[0]
    with pytest.raises(placements.PlacementRefused, match="already has a placement in this"):
        placements.schedule_set_cell(application=application, week=week, site=site, by=coordinator)
    assert not application.placements.exists()
    assert other.placements.count() == 1


# --- PostgreSQL: a bed holds one guest a night ------------------------------------------


@pytest.fixture
def pg_world(postgres, world):
    return world


def _stay(world, name, start, end, status=Stay.Status.CONFIRMED):
    application = accepted_trainee(world["program"], name=name)
    request = _request(application, start, end)
    return Stay.objects.create(
        request=request, bed=world["beds"][0], start=start, end=end, status=status
    )


@pytest.mark.services
def test_a_beds_confirmed_stays_never_share_a_night(pg_world):
    day = pg_world["program"].start_date
    _stay(pg_world, "A", day, day + timedelta(days=7))
    broken(lambda: _stay(pg_world, "B", day + timedelta(days=6), day + timedelta(days=9)))
    # Departure day is the next guest's arrival day: no night shared.
    assert _stay(pg_world, "C", day + timedelta(days=7), day + timedelta(days=9))
    # Proposals may overlap (the matching offers a bed to several); confirming decides.
    assert _stay(pg_world, "D", day, day + timedelta(days=3), status=Stay.Status.PROPOSED)


@pytest.mark.services
def test_a_confirmation_that_reaches_the_constraint_gets_the_checks_refusal(
    pg_world, coordinator, monkeypatch
):
    day = pg_world["program"].start_date
    _stay(pg_world, "A", day, day + timedelta(days=7))
    proposal = _stay(pg_world, "B", day, day + timedelta(days=7), status=Stay.Status.PROPOSED)
    monkeypatch.setattr(housing, "_bed_taken", lambda stay: False)  # the check missed it
    with pytest.raises(housing.BedTaken, match="already confirmed for someone else"):
        housing.stay_confirm(stay=proposal, by=coordinator)
    proposal.refresh_from_db()
    assert proposal.status == Stay.Status.PROPOSED
