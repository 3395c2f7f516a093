"""Housing: providers with beds, the accepted trainees' requests, the matching runs and one
confirmed stay, as a coordinator would do it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from accommodation import hosts
from accommodation import services as housing
from accommodation.models import (
    Availability,
    Bed,
    HousingRequest,
    MatchingRun,
    Provider,
    Stay,
)
from accounts.models import User
from applications.models import Application
from demo import data
from demo.seeding.world import World
from demo.stories import offenbach as offenbach_story
from demo.stories.gyeonggi_cohort import SEGMENTED_HOUSING
from hospitals.models import Hospital

HOST_WELCOME = "Welcome! We will pick you up at the airport."


def seed_housing(world: World) -> None:
    """A staff dormitory beside each Gyeonggi host hospital, two partner apartments, and
    the Offenbach professor's guest room (seed 000); the accepted trainees ask for
    housing and the matching runs, as a coordinator would; one stay is confirmed — in
    Offenbach the guest room for the fellow's first months, accepted by its host's link —
    and a rotating Gyeonggi trainee is housed in segments, one dormitory per block."""
    if Provider.objects.exists():
        return
    year = world.today.year + 1
    window = (date(year - 1, 1, 1), date(year + 2, 12, 31))

    def add(provider, beds):
        for label, policy, price in beds:
            bed = Bed.objects.create(
                provider=provider,
                label=label,
                gender_policy=policy,
                price_per_night=Decimal(price),
                currency="EUR" if provider.city.startswith("Offenbach") else "KRW",
            )
            Availability.objects.create(bed=bed, start=window[0], end=window[1])

    gyeonggi = world.organisations[data.GYEONGGI]
    for hospital in Hospital.objects.filter(organisation=gyeonggi, latitude__isnull=False):
        dorm = Provider.objects.create(
            organisation=gyeonggi,
            name=f"{hospital.name} staff dormitory",
            name_native=f"{hospital.name_native} 기숙사" if hospital.name_native else "",
            kind=Provider.Kind.DORMITORY,
            address=f"Next to {hospital.name}",
            city=hospital.city,
            latitude=hospital.latitude + Decimal("0.003"),
            longitude=hospital.longitude + Decimal("0.002"),
            contact_name="International office",
            contact_email=f"dormitory+{hospital.pk}@demo.exchange-portal.org",
            house_rules="Quiet after 22:00. Shared kitchen on each floor.",
            languages="Korean, English",
        )
        add(
            dorm,
            [
                ("Room 101 A", "any", "25000"),
                ("Room 101 B", "any", "25000"),
                ("Room 201", "women", "25000"),
                ("Room 202", "men", "25000"),
            ],
        )
    for city, lat, lon in (
        ("Suwon", "37.266000", "127.000000"),
        ("Bucheon", "37.503000", "126.766000"),
    ):
        flat = Provider.objects.create(
            organisation=gyeonggi,
            name=f"Academy partner apartments, {city}",
            kind=Provider.Kind.APARTMENT,
            address=f"{city} city centre",
            city=city,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            contact_name="Academy housing desk",
            contact_email=f"apartments.{city.lower()}@demo.exchange-portal.org",
            languages="Korean, English, Russian",
        )
        add(
            flat,
            [
                ("Studio 1", "any", "55000"),
                ("Studio 2", "any", "55000"),
                ("Family flat", "any", "80000"),
            ],
        )
    offenbach = world.organisations[data.OFFENBACH]
    sana = Hospital.objects.filter(organisation=offenbach, latitude__isnull=False).first()
    if sana is not None:
        host = Provider.objects.create(
            organisation=offenbach,
            name="The Hartmann family",
            kind=Provider.Kind.HOST_FAMILY,
            address="A quiet street near the clinic",
            city=sana.city,
            latitude=sana.latitude + Decimal("0.010"),
            longitude=sana.longitude + Decimal("0.006"),
            contact_name="Klaus Hartmann",
            contact_email="klaus.hartmann@demo.exchange-portal.org",
            # The household manages the listing (demo login host@); the professor, its
            # contact, gets the proposals by e-mail and answers by the signed link.
            managed_by=User.objects.filter(
                email=offenbach_story.HOST_FAMILY_PEOPLE[0]["email"]
            ).first(),
            house_rules="Breakfast with the family; the guest room has its own bathroom.",
            languages="German, English",
        )
        Bed.objects.create(
            provider=host, label="Guest room", price_per_night=Decimal("0"), currency="EUR"
        )
        Availability.objects.create(bed=host.beds.get(), start=window[0], end=window[1])
    for application in Application.objects.filter(status=Application.Status.ACCEPTED):
        if HousingRequest.objects.filter(application=application).exists():
            continue
        start, end = housing.default_dates(application)
        if application.program.organisation == offenbach:
            # Seed 000: the guest room for the first months only, not the whole 2 years.
            end = start + timedelta(days=offenbach_story.HOST_STAY_DAYS)
        segmented = application.trainee.email == SEGMENTED_HOUSING["trainee"]
        housing.request_save(
            application=application,
            by=application.trainee,
            data={
                "start": start,
                "end": end,
                "budget_per_night": Decimal("60000")
                if application.program.organisation == gyeonggi
                else Decimal("30"),
                "with_family": False,
                "needs_accessible": False,
                "smoker": False,
                # The academy's shuttle links the eight hospitals: the cohort lives centrally
                # (but for one trainee, who wants to live near each hospital in turn).
                "max_km": SEGMENTED_HOUSING["max_km"] if segmented else 50,
                "notes": SEGMENTED_HOUSING["notes"] if segmented else "",
            },
        )
    for organisation in (gyeonggi, offenbach):
        coordinator = organisation.coordinators.order_by("pk").first()
        run = MatchingRun.objects.create(organisation=organisation, requested_by=coordinator)
        housing.run_execute(run.pk)
        _confirm_segments(organisation, coordinator)
        first = (
            Stay.objects.filter(
                status=Stay.Status.PROPOSED, bed__provider__organisation=organisation
            )
            .order_by("pk")
            .first()
        )
        if first is not None and hosts.answers_by_link(first.bed.provider):
            # Sent to the host, who accepts by the signed link (no account needed).
            hosts.accept(hosts.ask_host(stay=first, by=coordinator), note=HOST_WELCOME)
        elif first is not None:
            housing.stay_confirm(stay=first, by=coordinator)


def _confirm_segments(organisation, coordinator) -> None:
    """The coordinator confirms the rotating trainee's stay segment by segment."""
    for stay in Stay.objects.filter(
        status=Stay.Status.PROPOSED,
        bed__provider__organisation=organisation,
        request__application__trainee__email=SEGMENTED_HOUSING["trainee"],
    ).order_by("start"):
        housing.stay_confirm(stay=stay, by=coordinator)
