"""The load bench's pieces that can run in seconds: the academy builder at a tiny size
(through the same services as at full size) and the verdict on measured figures. The
whole bench (`bench/load.py --quick`) starts gunicorn and a Celery worker on PostgreSQL and
Redis; the slow smoke run is `test_quick_run` under the services marker."""

import pytest
from django.db.models import Count

from applications.models import Application
from bench import academy
from bench.load import Stats, verdict
from placements.models import Placement


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
