"""`manage.py seed_demo` builds the demo world from the seeds, and reruns change nothing."""

from io import StringIO
from itertools import pairwise

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command, get_commands
from django.urls import reverse
from django.utils import translation

from accounts.models import Organisation, User
from demo import data
from hospitals.models import Hospital, Supervisor
from programs.models import Program

GYEONGGI_HOSPITALS = {
    "Catholic University St. Vincent's Hospital": "가톨릭대학교 성빈센트병원",
    "Catholic University Bucheon St. Mary's Hospital": "가톨릭대학교 부천성모병원",
    "Leon Wiltse Memorial Hospital": "윌스기념병원",
    "Lee Chun Tek Orthopaedic Specialty Hospital": "이춘택병원",
    "Myongji Hospital": "명지병원",
    "Sejong General Hospital": "세종병원",
    "Danwon Hospital": "단원병원",
    "Hando Hospital": "한도병원",
}
LOGINS = [
    "admin@demo.exchange-portal.org",
    "coordinator@demo.exchange-portal.org",
    "coordinator-offenbach@demo.exchange-portal.org",
    "supervisor@demo.exchange-portal.org",
    "trainee@demo.exchange-portal.org",
    "host@demo.exchange-portal.org",
    "pickup@demo.exchange-portal.org",
]


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded(db) -> str:
    return seed()


@pytest.fixture
def gyeonggi(seeded) -> Organisation:
    return Organisation.objects.get(name="Gyeonggi Global Healthcare Academy")


def test_running_twice_creates_nothing_new(seeded):
    before = row_counts()

    seed()

    assert row_counts() == before
    assert before["programs.Program"] == 6


def test_the_eight_gyeonggi_hospitals_have_their_korean_names(gyeonggi):
    hospitals = dict(
        Hospital.objects.filter(organisation=gyeonggi).values_list("name", "name_native")
    )

    assert hospitals == GYEONGGI_HOSPITALS


def test_every_gyeonggi_hospital_has_departments_and_a_supervisor(gyeonggi):
    for hospital in Hospital.objects.filter(organisation=gyeonggi):
        assert hospital.departments.exists(), hospital
        assert Supervisor.objects.filter(department__hospital=hospital).exists(), hospital


def test_upcoming_gyeonggi_program_is_published_and_open_at_eight_hospitals(gyeonggi):
    program = Program.objects.filter(organisation=gyeonggi).latest("start_date")

    assert program.status == Program.Status.PUBLISHED
    assert program.application_window_open()
    assert (program.start_date.month, program.start_date.day) == (5, 26)
    assert (program.end_date.month, program.end_date.day) == (6, 21)
    hospitals = {site.department.hospital_id for site in program.rotation_sites.all()}
    assert len(hospitals) == 8
    assert program.status_changes.count() == 1


def test_every_demo_organisation_keeps_the_time_zone_of_its_city(seeded):
    zones = set(Organisation.objects.values_list("city", "time_zone"))

    assert zones == {
        ("Suwon", "Asia/Seoul"),
        ("Offenbach am Main", "Europe/Berlin"),
        ("Ningde", "Asia/Shanghai"),
        ("Shanghai", "Asia/Shanghai"),
        ("Guiyang", "Asia/Shanghai"),
        ("Guangzhou", "Asia/Shanghai"),
        ("Vladivostok", "Asia/Vladivostok"),
        ("Khabarovsk", "Asia/Vladivostok"),
    }


def test_2014_edition_is_closed(gyeonggi):
    program = Program.objects.get(title="Global Healthcare Academy clinical training 2014")

    assert program.status == Program.Status.CLOSED
    assert program.seats == 10
    assert program.specialties.count() == 6
    assert program.status_changes.filter(to_status=Program.Status.CLOSED).exists()


def test_other_programs_show_each_status(seeded):
    statuses = dict(Program.objects.values_list("title", "status"))

    assert statuses["Spine surgery fellowship (MD track)"] == Program.Status.PUBLISHED
    assert statuses["Resident-expert posting in Ningde"] == Program.Status.PUBLISHED
    assert statuses["Pediatric liver transplantation observership"] == Program.Status.PUBLISHED
    assert statuses["Neurosurgery observership at Huashan Hospital"] == Program.Status.DRAFT


@pytest.mark.parametrize("email", LOGINS)
def test_demo_logins_can_log_in(seeded, rf, email):
    request = rf.post("/accounts/login/")
    assert authenticate(request, email=email, password=data.DEMO_PASSWORD) is not None


def test_coordinator_signs_in_through_the_login_page(seeded, client):
    response = client.post(
        reverse("account_login"),
        {"login": "coordinator@demo.exchange-portal.org", "password": data.DEMO_PASSWORD},
    )

    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_other_demo_people_cannot_log_in(seeded):
    others = User.objects.exclude(email__in=LOGINS)

    assert others.exists()
    assert not any(user.has_usable_password() for user in others)


def test_coordinator_coordinates_gyeonggi(gyeonggi):
    coordinator = User.objects.get(email="coordinator@demo.exchange-portal.org")

    assert coordinator.coordinator_of == gyeonggi
    assert coordinator.native_name == "김민지"
    assert coordinator.emailaddress_set.get().verified


def test_supervisor_login_supervises_at_myongji(seeded):
    supervisor = User.objects.get(email="supervisor@demo.exchange-portal.org")

    assert supervisor.supervisor_roles.get().department.hospital.name == "Myongji Hospital"


def test_output_lists_the_demo_logins(seeded):
    assert "Demo logins (password: demo-portal-2026)" in seeded
    for email in LOGINS:
        assert email in seeded


def test_russian_trainees_have_cyrillic_native_names(seeded):
    trainees = User.objects.filter(language="ru")

    assert trainees.count() == 10
    for trainee in trainees:
        assert any("\u0400" <= char <= "\u04ff" for char in trainee.native_name), trainee


def test_gyeonggi_team_page_shows_open_invitations(seeded, client):
    coordinator = User.objects.get(email="coordinator@demo.exchange-portal.org")
    client.force_login(coordinator)
    page = client.get(reverse("hospitals:team")).content.decode()
    assert "new.supervisor@demo.exchange-portal.org" in page
    assert "Department of Neurosurgery" in page


def test_gyeonggi_applicants_are_in_every_state(seeded):
    from applications.models import Application

    statuses = set(
        Application.objects.filter(
            program__title__startswith="Global Healthcare Academy"
        ).values_list("status", flat=True)
    )
    assert {
        "draft",
        "submitted",
        "under_review",
        "shortlisted",
        "offered",
        "accepted",
        "rejected",
        "withdrawn",
    } <= statuses
    demo_trainee = Application.objects.get(trainee__email="trainee@demo.exchange-portal.org")
    assert demo_trainee.status == "offered"
    assert demo_trainee.status_changes.count() == 3
    assert Application.objects.filter(
        program__title="Spine surgery fellowship (MD track)", trainee__native_name="李伟"
    ).exists()


def test_the_gyeonggi_schedule_has_approved_and_pending_placements(seeded):
    from placements.models import Placement, TrainingPlan

    gyeonggi = Placement.objects.filter(
        application__program__title__startswith="Global Healthcare Academy"
    )
    statuses = set(gyeonggi.values_list("status", flat=True))
    assert {"confirmed", "approved", "proposed"} <= statuses
    assert gyeonggi.values("department__hospital").distinct().count() >= 4
    fellowship = Placement.objects.get(application__trainee__native_name="李伟")
    assert fellowship.status == "confirmed"
    plan = TrainingPlan.objects.get(placement=fellowship)
    assert plan.is_published and plan.activities.filter(kind="language").exists()


def test_the_demo_houses_the_accepted_trainees(seeded):
    from accommodation.models import HousingRequest, Provider, Stay

    assert Provider.objects.filter(kind="host_family", name="The Hartmann family").exists()
    assert Provider.objects.filter(kind="dormitory").count() >= 8
    requests = HousingRequest.objects.all()
    assert requests.count() >= 3
    assert not requests.filter(status="open").exists()  # every request got a proposal
    assert Stay.objects.filter(status="confirmed").count() >= 1


def test_seed_000_the_hartmann_guest_room_is_accepted_by_link_for_the_first_months(seeded, client):
    from accommodation.models import Stay

    stay = Stay.objects.get(bed__provider__name="The Hartmann family")
    fellowship = stay.request.application
    assert stay.status == "confirmed" and stay.host_answered_at is not None
    assert stay.confirmed_by is None  # answered by the host's link, no account
    assert stay.end < fellowship.program.end_date  # the first months, not the 2 years
    assert fellowship.program.covers_housing and stay.request.budget_per_night is None
    host = User.objects.get(email="host@demo.exchange-portal.org")
    client.force_login(host)
    home = client.get(reverse("home")).content.decode()
    with translation.override(host.language):  # the Hartmanns read the portal in German
        heading = translation.gettext("Your guests")
    assert fellowship.trainee.display_name in home and heading in home


def test_the_fellow_gets_there_and_the_gyeonggi_visa_is_flagged_late(seeded, client):
    from dashboards.readiness import readiness
    from travel.models import Pickup, Visa

    fellow = Visa.objects.get(application__trainee__email="li.wei@demo.exchange-portal.org")
    assert fellow.status == "granted" and fellow.changes.count() == 1
    arrival = fellow.application.arrival
    assert (arrival.airport, arrival.time_zone, arrival.local_arrival.hour) == (
        "FRA",
        "Europe/Berlin",
        6,
    )
    pickup = fellow.application.pickup
    assert (pickup.email, pickup.status) == ("klaus.hartmann@demo.exchange-portal.org", "confirmed")
    gyeonggi = Program.objects.get(
        organisation__name="Gyeonggi Global Healthcare Academy", status="published"
    )
    rows, _totals = readiness(gyeonggi)
    items = {row.application.trainee.last_name: {i.key: i for i in row.items} for row in rows}
    assert items["Volkova"]["visa"].late  # appointment booked too close to the start
    assert items["Volkova"]["arrival"].done is False  # no flight yet
    client.force_login(User.objects.get(email="pickup@demo.exchange-portal.org"))
    page = client.get(reverse("travel:my_pickups")).content.decode()
    assert "Kuznetsov" in page and "KE982" in page
    assert Pickup.objects.get(email="pickup@demo.exchange-portal.org").status == "asked"


def test_a_rotating_gyeonggi_trainee_is_housed_in_segments(seeded):
    from accommodation.models import Stay
    from dashboards.readiness import readiness

    stays = list(
        Stay.objects.filter(
            request__application__trainee__email="natalia.volkova@demo.exchange-portal.org",
            status="confirmed",
        )
        .select_related("bed__provider", "request__application__program")
        .order_by("start")
    )
    assert len(stays) >= 2
    assert len({stay.bed_id for stay in stays}) == len(stays)
    assert len({stay.bed.provider.city for stay in stays}) >= 2  # a dormitory per city
    request = stays[0].request
    assert (stays[0].start, stays[-1].end) == (request.start, request.end)
    assert all(a.end == b.start for a, b in pairwise(stays))  # no gap
    assert request.status == "confirmed"
    rows, _totals = readiness(request.application.program)
    [row] = [r for r in rows if r.application.pk == request.application_id]
    assert {item.key: item.done for item in row.items}["accommodation"] is True


def test_the_command_belongs_to_the_demo_app():
    assert get_commands()["seed_demo"] == "demo"
