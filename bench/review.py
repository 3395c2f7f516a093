"""The coordinator's review list: same query count with 20 and 2,000 applications, and how
much slower than a trivial view it is with 2,000.

Standalone: a throwaway SQLite database in a temporary directory; one program with two
rotation sites; applicants with profiles (nationality, specialty), the required documents
(some missing) and referee letters. Requests the review list (first page of 50, sorted by
name, filtered by "documents complete") and a one-line JSON view through the full middleware
stack, signed in as the coordinator, interleaved. Prints the query counts at 20 and 2,000
and the ratio of medians (target: equal counts, at most 40 times; exits 1 otherwise).

    .venv/bin/python bench/review.py [iterations]
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
WORK_DIR = tempfile.mkdtemp(prefix="bench-review-")
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "exchange_portal.settings"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{WORK_DIR}/private"

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
from applications.models import Application, RefereeRequest  # noqa: E402
from exchange_portal.urls import urlpatterns as project_urlpatterns  # noqa: E402
from hospitals.models import Department, Hospital  # noqa: E402
from programs.models import Program, RotationSite  # noqa: E402
from reference.models import Specialty  # noqa: E402
from trainees.models import Document, TraineeProfile  # noqa: E402

TARGET_RATIO = 40


def ok(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/json/", ok), *project_urlpatterns]


def seed() -> tuple[User, Program]:
    organisation = Organisation.objects.create(
        name="Gyeonggi Global Healthcare Academy", name_native="경기도", country="KR"
    )
    coordinator = User.objects.create(
        email="minji@example.org", first_name="Minji", coordinator_of=organisation
    )
    specialties = [
        Specialty.objects.create(name=name, slug=name.lower())
        for name in ("Neurosurgery", "Orthopedics", "Urology")
    ]
    hospital = Hospital.objects.create(
        organisation=organisation, name="Myongji Hospital", city="Goyang", country="KR"
    )
    today = timezone.localdate()
    program = Program.objects.create(
        organisation=organisation,
        kind=Program.Kind.COHORT_ROTATION,
        status=Program.Status.PUBLISHED,
        title="Gyeonggi cohort",
        summary="Four weeks.",
        application_opens=today - timedelta(days=10),
        application_closes=today + timedelta(days=60),
        start_date=today + timedelta(days=90),
        end_date=today + timedelta(days=120),
        seats=10,
        required_documents=["passport", "diploma", "cv"],
    )
    for specialty in specialties[:2]:
        department = Department.objects.create(
            hospital=hospital, specialty=specialty, name=specialty.name, capacity=3
        )
        RotationSite.objects.create(
            program=program,
            department=department,
            start_date=program.start_date,
            end_date=program.end_date,
            capacity=5,
        )
    return coordinator, program


def add_applicants(program: Program, start: int, count: int) -> None:
    specialties = list(Specialty.objects.all())
    users = User.objects.bulk_create(
        User(
            email=f"doctor{n}@example.org",
            first_name="Ivan",
            last_name=f"Petrov{n:05d}",
            native_name=f"Иван Петров {n}",
        )
        for n in range(start, start + count)
    )
    TraineeProfile.objects.bulk_create(
        TraineeProfile(
            user=user,
            nationality=("RU", "CN", "KZ")[n % 3],
            specialty=specialties[n % len(specialties)],
        )
        for n, user in enumerate(users)
    )
    Document.objects.bulk_create(
        Document(
            owner=user,
            type=code,
            file=f"trainees/documents/bench-{user.pk}-{code}.pdf",
            extension=".pdf",
            content_type="application/pdf",
            size=100,
        )
        for n, user in enumerate(users)
        for code in ("passport", "diploma", "cv")[: 3 if n % 4 else 2]
    )
    applications = Application.objects.bulk_create(
        Application(
            program=program,
            trainee=user,
            motivation="x",
            status=Application.Status.SUBMITTED,
            submitted_at=timezone.now(),
        )
        for user in users
    )
    RefereeRequest.objects.bulk_create(
        RefereeRequest(
            application=application,
            name="Prof. Belov",
            email=f"referee{application.pk}@example.org",
            expires_at=timezone.now() + timedelta(days=14),
            received_at=timezone.now() if n % 2 else None,
        )
        for n, application in enumerate(applications)
    )


def timed_get(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def query_count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        timed_get(client, url)
    return len(queries)


def main() -> int:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    try:
        call_command("migrate", verbosity=0)
        coordinator, program = seed()
        client = Client()
        client.force_login(coordinator)
        url = f"/applications/review/program/{program.pk}/?documents=complete&sort=name"
        add_applicants(program, 0, 20)
        timed_get(client, url)
        small = query_count(client, url)
        add_applicants(program, 20, 1980)
        large = query_count(client, url)
        for _ in range(3):
            timed_get(client, url)
            timed_get(client, "/bench/json/")
        review, trivial = [], []
        for _ in range(iterations):
            review.append(timed_get(client, url))
            trivial.append(timed_get(client, "/bench/json/"))
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
    review_ms = statistics.median(review) * 1000
    trivial_ms = statistics.median(trivial) * 1000
    ratio = review_ms / trivial_ms
    print(f"queries, review list:  {small} with 20 applications, {large} with 2,000")
    print(f"review list (2,000):   {review_ms:8.2f} ms (median of {iterations})")
    print(f"trivial JSON view:     {trivial_ms:8.2f} ms (median)")
    print(f"ratio:                 {ratio:8.1f} times (target: at most {TARGET_RATIO})")
    return 0 if small == large and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
