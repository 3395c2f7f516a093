"""The load bench's pieces that can run in seconds: the academy builder at a tiny size
(through the same services as at full size) and the verdict on measured figures. The
whole bench (`bench/load.py --quick`) starts gunicorn and a Celery worker on PostgreSQL and
Redis; the slow smoke run is `test_quick_run` under the services marker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db.models import Count

from applications.models import Application
from bench import academy
from bench.load import Stats, verdict
from placements.models import Placement

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.django_db
def test_the_academy_is_built_through_the_services_at_a_tiny_size():
    built = academy.build(25, log=lambda *_: None)
    size = academy.sizes(25)

    assert Application.objects.count() == size["applications"] == 36
    assert built.program.rotation_sites.count() == 40
    S = Application.Status
    scheduled = Application.objects.filter(
        program=built.program, status__in=[S.SHORTLISTED, S.OFFERED, S.ACCEPTED]
    )
    assert scheduled.count() == size["scheduled"] == 5
    assert dict(
        scheduled.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    ) == {S.SHORTLISTED: 1, S.OFFERED: 1, S.ACCEPTED: 3}
    placed = Placement.objects.filter(application__in=scheduled)
    assert set(placed.values_list("status", flat=True)) == {
        Placement.Status.PROPOSED,  # waiting in the inboxes
        Placement.Status.APPROVED,  # offered
        Placement.Status.CONFIRMED,  # accepted
    }
    # every scheduled trainee has the 12 weeks filled
    for application in scheduled:
        days = sum((p.end_date - p.start_date).days + 1 for p in application.placements.all())
        assert days == 7 * academy.WEEKS
    assert academy.find() == built
    assert built.trainee.applications.get(program=built.program).status == S.ACCEPTED
    assert built.supervisor.supervisor_roles.exists()


def _stats(page, concurrency, median, p95, errors=0):
    stats = Stats(page=page, concurrency=concurrency, elapsed=1.0)
    stats.times = [median] * 50 + [p95] * 5  # median `median`, p95 `p95`
    stats.errors = errors
    return stats


def test_the_verdict_names_each_target_that_failed():
    good = [
        _stats("trivial", 1, 0.002, 0.003),
        _stats("review", 1, 0.050, 0.060),
        _stats("trivial", 8, 0.004, 0.005),
        _stats("review", 8, 0.100, 0.300),
    ]
    assert verdict(good, memory_growth=0.05) == []

    bad = [
        _stats("trivial", 1, 0.002, 0.003),
        _stats("schedule", 1, 0.100, 0.200),  # 50x the trivial median
        _stats("trivial", 8, 0.004, 0.005),
        _stats("schedule", 8, 0.300, 0.500, errors=2),  # p95 125x the trivial median
    ]
    failed = verdict(bad, memory_growth=0.25)
    assert len(failed) == 4
    assert any("schedule" in line and "concurrency 1" in line for line in failed)
    assert any("schedule" in line and "concurrency 8" in line for line in failed)
    assert any("error" in line for line in failed)
    assert any("memory" in line for line in failed)


@pytest.mark.services
def test_quick_run_of_the_whole_bench(postgres, redis_url, tmp_path):
    """`bench/load.py --quick` end to end at the smallest size: its own database, gunicorn
    and a Celery worker started and stopped, every page answering 200 at every level, no
    errors. Its exit status is not asserted: the targets are for the full size."""
    settings = postgres.settings_dict
    server = f"postgres://{settings.get('USER') or 'postgres'}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}"
    database = f"exchange_load_smoke_{os.getpid()}"
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py"), "--quick", "--trainees", "20",
         "--per-page", "2", "--memory-requests", "40", "--pg", server, "--db", database,
         "--redis", redis_url],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )  # fmt: skip
    output = run.stdout + run.stderr
    assert "giving up" not in output, output
    for concurrency in (1, 8, 32):
        assert f"concurrency {concurrency}:" in output, output
    assert "worker memory over" in output, output
    assert "error" not in output.split("verdict:")[1], output
    assert f"database {database} dropped" in output, output
