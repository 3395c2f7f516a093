"""Suggest, then apply, at academy scale: 500 trainees × 40 rotation sites × 12 weeks, in
process, through the project's services.

Builds a seeded academy — 8 specialties of 5 departments (one rotation site each, 16 places
a week, two supervisors each; the fourth site of a specialty is open the first half of the
program only, the fifth the second half only, so trainees move), 500 shortlisted trainees of
one specialty each ranking 3 sites — then times:

- the computation of the suggestion as a plan (`suggestions.plan_compute`: reading the
  program, the engine, storing the plan),
- the one-cell service path the apply replaced (`services.schedule_set_cell`, one
  transaction per cell) on the plan's first cells, rolled back, extrapolated to the whole plan,
- applying the whole plan (`suggestions.plan_apply`: one transaction, bulk writes),
- the plan's review page and a trivial JSON view through the full middleware stack.

Prints the figures and ratios; exits 1 unless computing and applying each take under
TARGET_SECONDS and the plan page stays under 40 × the trivial view.

Database: a throwaway SQLite file by default; BENCH_DATABASE_URL=postgres://…/<empty db>
runs it on PostgreSQL (the database must exist and be empty; it is left with the data).

    .venv/bin/python bench/suggest.py [cells of the one-cell path to time, default 300]
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK_DIR = tempfile.mkdtemp(prefix="bench-suggest-")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{WORK_DIR}/bench.sqlite3"
)
os.environ["DJANGO_SETTINGS_MODULE"] = "exchange_portal.settings"
os.environ["PRIVATE_MEDIA_ROOT"] = f"{WORK_DIR}/private"
os.environ["MFA_REQUIRED_FOR_STAFF"] = "false"  # the bench signs in without an authenticator

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import path  # noqa: E402

from accounts.models import Organisation, User  # noqa: E402
from applications.models import Application, Preference  # noqa: E402
from exchange_portal.urls import urlpatterns as project_urlpatterns  # noqa: E402
from hospitals.models import Department, Hospital, Supervisor  # noqa: E402
from placements import services, suggestions  # noqa: E402
from placements.models import Placement  # noqa: E402
from programs.models import Program, RotationSite  # noqa: E402
from reference.models import Specialty  # noqa: E402
from trainees.models import TraineeProfile  # noqa: E402

TRAINEES, SPECIALTIES, SITES_PER_SPECIALTY, WEEKS = 500, 8, 5, 12
TARGET_SECONDS = 10.0
TARGET_RATIO = 40


def ok(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/json/", ok), *project_urlpatterns]


def seed(rng: random.Random) -> tuple[User, Program]:
    organisation = Organisation.objects.create(name="Academy", country="KR")
    coordinator = User.objects.create(
        email="minji@example.org",
        coordinator_of=organisation,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
    )
    start = date.today() + timedelta(days=120)
    program = Program.objects.create(
        organisation=organisation,
        kind=Program.Kind.COHORT_ROTATION,
        status=Program.Status.PUBLISHED,
        title="Academy cohort",
        summary="Twelve weeks.",
        application_opens=start - timedelta(days=200),
        application_closes=start - timedelta(days=30),
        start_date=start,
        end_date=start + timedelta(days=7 * WEEKS - 1),
        seats=TRAINEES,
    )
    specialties, sites = [], {}
    for s in range(SPECIALTIES):
        specialty = Specialty.objects.create(name=f"Specialty {s}", slug=f"specialty-{s}")
        specialties.append(specialty)
        hospital = Hospital.objects.create(organisation=organisation, name=f"Hospital {s}")
        for d in range(SITES_PER_SPECIALTY):
            department = Department.objects.create(
                hospital=hospital, specialty=specialty, name=f"Dept {s}.{d}", capacity=20
            )
            half = 7 * WEEKS // 2  # the last two sites of a specialty: one half each
            sites.setdefault(s, []).append(
                RotationSite.objects.create(
                    program=program,
                    department=department,
                    start_date=program.start_date + timedelta(days=half if d == 4 else 0),
                    end_date=program.end_date - timedelta(days=half if d == 3 else 0),
                    capacity=16,
                )
            )
            for n in range(2):
                Supervisor.objects.create(
                    user=User.objects.create(email=f"sup{s}-{d}-{n}@example.org"),
                    department=department,
                    max_trainees=10,
                )
    users = User.objects.bulk_create(
        User(email=f"doctor{n}@example.org", last_name=f"Petrov{n:04d}") for n in range(TRAINEES)
    )
    TraineeProfile.objects.bulk_create(
        TraineeProfile(user=user, specialty=specialties[n % SPECIALTIES])
        for n, user in enumerate(users)
    )
    applications = Application.objects.bulk_create(
        Application(program=program, trainee=user, status=Application.Status.SHORTLISTED)
        for user in users
    )
    Preference.objects.bulk_create(
        Preference(application=application, rank=rank, rotation_site=site)
        for n, application in enumerate(applications)
        for rank, site in enumerate(rng.sample(sites[n % SPECIALTIES], 3), 1)
    )
    return coordinator, program


def one_cell_path(plan, coordinator, count: int) -> float:
    """Seconds per cell of the path the apply replaced, on `count` cells, rolled back."""
    program = plan.program
    program_weeks = services.weeks(program)
    applications = Application.objects.select_related("program").in_bulk(
        {a for a, _w, _s in plan.cells[:count]}
    )
    sites = RotationSite.objects.in_bulk({s for _a, _w, s in plan.cells[:count]})
    started = time.perf_counter()
    with transaction.atomic():
        for application_id, week, site_id in plan.cells[:count]:
            services.schedule_set_cell(
                application=applications[application_id],
                week=program_weeks[week],
                site=sites[site_id],
                by=coordinator,
            )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed / count


def timed_get(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    return elapsed


def main() -> int:
    sample = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    global TRAINEES
    TRAINEES = int(os.environ.get("BENCH_TRAINEES", TRAINEES))
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    try:
        call_command("migrate", verbosity=0)
        coordinator, program = seed(random.Random(19))
        started = time.perf_counter()
        plan = suggestions.plan_compute(program=program, by=coordinator)
        compute = time.perf_counter() - started
        per_cell = one_cell_path(plan, coordinator, min(sample, len(plan.cells)))
        client = Client()
        client.force_login(coordinator)
        url = f"/placements/suggestions/{plan.pk}/"
        for _ in range(2):
            timed_get(client, url)
            timed_get(client, "/bench/json/")
        page = statistics.median(timed_get(client, url) for _ in range(7))
        trivial = statistics.median(timed_get(client, "/bench/json/") for _ in range(7))
        started = time.perf_counter()
        written = suggestions.plan_apply(plan=plan, by=coordinator)
        apply = time.perf_counter() - started
        rows = Placement.objects.count()
        cells = len(services.schedule_cells(program))
    finally:
        if "BENCH_DATABASE_URL" not in os.environ:
            shutil.rmtree(WORK_DIR, ignore_errors=True)
    old = per_cell * written
    print(f"database:                {connection.vendor}")
    print(f"academy:                 {TRAINEES} trainees x {SPECIALTIES * SITES_PER_SPECIALTY} sites x {WEEKS} weeks")  # fmt: skip
    print(f"plan:                    {len(plan.cells)} cells, {len(plan.empty)} left empty")
    print(f"compute (engine + plan): {compute:8.2f} s")
    print(f"apply (one transaction): {apply:8.2f} s  ({written} cells as {rows} placements; grid shows {cells})")  # fmt: skip
    print(f"compute + apply:         {compute + apply:8.2f} s")
    print(f"one-cell path:           {per_cell * 1000:8.2f} ms a cell (on {min(sample, written)} cells), {old:.1f} s for the plan")  # fmt: skip
    print(f"apply speed-up:          {old / apply:8.1f} x")
    print(f"plan page:               {page * 1000:8.1f} ms (median), {page / trivial:.1f} x the trivial view ({trivial * 1000:.2f} ms)")  # fmt: skip
    fine = (
        compute < TARGET_SECONDS
        and apply < TARGET_SECONDS
        and cells == written
        and page / trivial <= TARGET_RATIO
    )
    return 0 if fine else 1


if __name__ == "__main__":
    sys.exit(main())
