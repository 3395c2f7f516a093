"""How much slower are the catalog page with 200 programs and the coordinator's schedule
grid at academy scale than a trivial JSON view?

Standalone: creates a throwaway SQLite database in a temporary directory, migrates it,
adds 200 published programs (two rotation sites and two specialties each), then requests
the catalog list showing all 200 on one page and a one-line JSON view through the full
middleware stack, interleaved, many times. Then the schedule grid of one 12-week program
with 40 rotation sites and 500 shortlisted trainees (three ranked wishes each, 1,500
placements), signed in as its coordinator: its first page, one cell's editor (htmx) and one
trainee's weeks (the page without JavaScript), each interleaved with the trivial view.
Prints the medians, the ratios and the grid's HTML size (targets: at most 40 times each,
the grid under 1 MB; exits 1 otherwise).

    .venv/bin/python bench/pages.py [iterations]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK_DIR = tempfile.mkdtemp(prefix="bench-pages-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "exchange_portal.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation, User  # noqa: E402
from applications.models import Application, Preference  # noqa: E402
from exchange_portal.urls import urlpatterns as project_urlpatterns  # noqa: E402
from hospitals.models import Department, Hospital  # noqa: E402
from placements.models import Placement  # noqa: E402
from programs import views_catalog  # noqa: E402
from programs.models import Program, RotationSite  # noqa: E402
from reference.models import Specialty  # noqa: E402

PROGRAMS = 200
TARGET_RATIO = 40
TRAINEES, SITES, WEEKS = 500, 40, 12
TARGET_GRID_BYTES = 1_000_000


def ok(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/json/", ok), *project_urlpatterns]


def seed() -> None:
    organisation = Organisation.objects.create(
        name="Gyeonggi Global Healthcare Academy", name_native="경기도", country="KR"
    )
    specialties = [
        Specialty.objects.create(name=name, slug=name.lower())
        for name in ("Neurosurgery", "Orthopedics", "Urology")
    ]
    departments = []
    for number in range(4):
        hospital = Hospital.objects.create(
            organisation=organisation,
            name=f"Myongji Hospital {number}",
            name_native=f"명지병원 {number}",
            city="Goyang",
            country="KR",
        )
        for specialty in specialties[:2]:
            departments.append(
                Department.objects.create(
                    hospital=hospital, specialty=specialty, name=specialty.name, capacity=3
                )
            )
    today = timezone.localdate()
    programs = Program.objects.bulk_create(
        Program(
            organisation=organisation,
            kind=Program.Kind.COHORT_ROTATION,
            status=Program.Status.PUBLISHED,
            published_at=timezone.now(),
            title=f"Clinical training program {number}",
            summary="Four weeks of rotations in advanced surgery.",
            application_opens=today - timedelta(days=10),
            application_closes=today + timedelta(days=60),
            start_date=today + timedelta(days=90 + number),
            end_date=today + timedelta(days=120 + number),
            seats=10,
            covers_housing=True,
            covers_meals=number % 2 == 0,
            fee=0 if number % 3 else 1500,
            required_documents=["passport", "diploma"],
        )
        for number in range(PROGRAMS)
    )
    Program.specialties.through.objects.bulk_create(
        Program.specialties.through(program_id=program.pk, specialty_id=specialty.pk)
        for program in programs
        for specialty in specialties[:2]
    )
    RotationSite.objects.bulk_create(
        RotationSite(
            program=program,
            department=departments[(program.pk + offset) % len(departments)],
            start_date=program.start_date,
            end_date=program.end_date,
            capacity=2,
        )
        for program in programs
        for offset in (0, 1)
    )


def seed_academy() -> tuple[User, Program, Application]:
    """One 12-week cohort program, 40 rotation sites over 8 hospitals, 500 shortlisted
    trainees with three ranked wishes and three 4-week placements each."""
    organisation = Organisation.objects.create(
        name="Gyeonggi Academy of Medicine", name_native="경기도", country="KR"
    )
    coordinator = User.objects.create(
        email="minji@example.org",
        first_name="Minji",
        coordinator_of=organisation,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
    )
    specialty = Specialty.objects.create(name="Internal medicine", slug="internal-medicine")
    start = timezone.localdate() + timedelta(days=120)
    program = Program.objects.create(
        organisation=organisation,
        kind=Program.Kind.COHORT_ROTATION,
        status=Program.Status.PUBLISHED,
        title="Academy cohort",
        summary="Twelve weeks.",
        application_opens=start - timedelta(days=90),
        application_closes=start - timedelta(days=30),
        start_date=start,
        end_date=start + timedelta(days=7 * WEEKS - 1),
        seats=TRAINEES,
    )
    hospitals = [
        Hospital.objects.create(
            organisation=organisation, name=f"Hospital {n}", city="Suwon", country="KR"
        )
        for n in range(8)
    ]
    departments = Department.objects.bulk_create(
        Department(
            hospital=hospitals[n % 8], specialty=specialty, name=f"Department {n}", capacity=40
        )
        for n in range(SITES)
    )
    sites = RotationSite.objects.bulk_create(
        RotationSite(
            program=program,
            department=department,
            start_date=program.start_date,
            end_date=program.end_date,
            capacity=20,
        )
        for department in departments
    )
    users = User.objects.bulk_create(
        User(
            email=f"doctor{n}@example.org",
            first_name="Ivan",
            last_name=f"Petrov{n:04d}",
            native_name=f"Иван Петров {n}",
        )
        for n in range(TRAINEES)
    )
    applications = Application.objects.bulk_create(
        Application(
            program=program, trainee=user, motivation="x", status=Application.Status.SHORTLISTED
        )
        for user in users
    )
    Preference.objects.bulk_create(
        Preference(application=application, rank=rank, rotation_site=sites[(n + 7 * rank) % SITES])
        for n, application in enumerate(applications)
        for rank in (1, 2, 3)
    )
    Placement.objects.bulk_create(
        Placement(
            application=application,
            trainee_id=application.trainee_id,
            rotation_site=sites[(n + 7 * block) % SITES],
            department=departments[(n + 7 * block) % SITES],
            start_date=program.start_date + timedelta(days=28 * block),
            end_date=program.start_date + timedelta(days=28 * block + 27),
        )
        for n, application in enumerate(applications)
        for block in range(3)
    )
    return coordinator, program, applications[0]


def query_count(client: Client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        timed_get(client, url, **headers)
    return len(queries)


def interleaved(client: Client, url: str, iterations: int, **headers) -> tuple[float, float]:
    """Medians (ms) of `url` and of the trivial view, requested in turns."""
    for _ in range(3):  # warm up caches (templates, translations, URL resolver)
        timed_get(client, url, **headers)
        timed_get(client, "/bench/json/")
    page, trivial = [], []
    for _ in range(iterations):
        page.append(timed_get(client, url, **headers)[0])
        trivial.append(timed_get(client, "/bench/json/")[0])
    return statistics.median(page) * 1000, statistics.median(trivial) * 1000


def bench_grid(iterations: int) -> bool:
    """The schedule grid at academy scale; True when every target holds."""
    coordinator, program, first = seed_academy()
    client = Client()
    client.force_login(coordinator)
    grid_url = f"/placements/program/{program.pk}/schedule/"
    trainee_url = f"{grid_url}trainee/{first.pk}/"
    _, html = timed_get(client, grid_url)
    queries = query_count(client, grid_url)
    print(
        f"schedule grid, {TRAINEES} trainees x {SITES} sites x {WEEKS} weeks, "
        f"page 1 ({html.count(b'schedule-edit')} cells): {len(html):,} bytes of HTML "
        f"(target: under {TARGET_GRID_BYTES:,}), {queries} queries"
    )
    holds = len(html) < TARGET_GRID_BYTES
    for name, url, headers in (
        ("schedule grid, page 1", grid_url, {}),
        ("one cell's editor (htmx)", f"{trainee_url}week/5/", {"HTTP_HX_REQUEST": "true"}),
        ("one trainee's weeks (no JS)", trainee_url, {}),
    ):
        page_ms, trivial_ms = interleaved(client, url, iterations, **headers)
        ratio = page_ms / trivial_ms
        holds = holds and ratio <= TARGET_RATIO
        print(
            f"{name:28} {page_ms:8.2f} ms, trivial {trivial_ms:6.2f} ms: "
            f"ratio {ratio:5.1f} (target: at most {TARGET_RATIO})"
        )
    return holds


def timed_get(client: Client, url: str, **headers) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.get(url, **headers)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, response.content


def main() -> int:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    settings.DEBUG = False  # no query log, as in production
    settings.ROOT_URLCONF = __name__
    views_catalog.CATALOG_PAGE_SIZE = PROGRAMS  # all 200 programs on one page
    try:
        call_command("migrate", verbosity=0)
        seed()
        client = Client()
        _, content = timed_get(client, "/programs/")
        cards = content.count(b'class="card h-100')
        assert cards == PROGRAMS, f"expected {PROGRAMS} cards, got {cards}"
        for _ in range(3):  # warm up caches (templates, translations, URL resolver)
            timed_get(client, "/programs/")
            timed_get(client, "/bench/json/")
        catalog, trivial = [], []
        for _ in range(iterations):
            catalog.append(timed_get(client, "/programs/")[0])
            trivial.append(timed_get(client, "/bench/json/")[0])
        grid_holds = bench_grid(iterations)
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    catalog_ms = statistics.median(catalog) * 1000
    trivial_ms = statistics.median(trivial) * 1000
    ratio = catalog_ms / trivial_ms
    print(f"iterations:                  {iterations}")
    print(f"catalog list, {PROGRAMS} programs: {catalog_ms:8.2f} ms (median)")
    print(f"trivial JSON view:           {trivial_ms:8.2f} ms (median)")
    print(f"ratio:                       {ratio:8.1f} times (target: at most {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO and grid_holds else 1


if __name__ == "__main__":
    sys.exit(main())
