"""How much slower is the catalog page with 200 programs than a trivial JSON view?

Standalone: creates a throwaway SQLite database in a temporary directory, migrates it,
adds 200 published programs (two rotation sites and two specialties each), then requests
the catalog list showing all 200 on one page and a one-line JSON view through the full
middleware stack, interleaved, many times. Prints the medians and the ratio (target: at
most 40 times; exits 1 above it).

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
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Organisation  # noqa: E402
from exchange_portal.urls import urlpatterns as project_urlpatterns  # noqa: E402
from hospitals.models import Department, Hospital  # noqa: E402
from programs import views_catalog  # noqa: E402
from programs.models import Program, RotationSite  # noqa: E402
from reference.models import Specialty  # noqa: E402

PROGRAMS = 200
TARGET_RATIO = 40


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


def timed_get(client: Client, url: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    response = client.get(url)
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
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    catalog_ms = statistics.median(catalog) * 1000
    trivial_ms = statistics.median(trivial) * 1000
    ratio = catalog_ms / trivial_ms
    print(f"iterations:                  {iterations}")
    print(f"catalog list, {PROGRAMS} programs: {catalog_ms:8.2f} ms (median)")
    print(f"trivial JSON view:           {trivial_ms:8.2f} ms (median)")
    print(f"ratio:                       {ratio:8.1f} times (target: at most {TARGET_RATIO})")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
