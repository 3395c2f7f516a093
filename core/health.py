"""Health endpoints for load balancers and monitors.

- `/healthz/live/` (liveness): the process answers; it touches nothing else (no database,
  no Redis, no session), so a restart is never triggered by a dependency's outage.
- `/healthz/ready/` and `/healthz/` (readiness): the database answers `SELECT 1`; with a
  broker configured, Redis answers a PING and every Celery queue in HEALTHZ_WORKER_QUEUES
  (default: all of CELERY_TASK_QUEUES) has a worker whose heartbeat (core/heartbeat.py: a
  timestamp the worker writes every WORKER_HEARTBEAT_SECONDS) is younger than
  WORKER_HEARTBEAT_STALE_SECONDS. Nothing waits
  for a worker to reply, and Redis gets HEALTHZ_REDIS_TIMEOUT seconds: a probe answers in
  milliseconds, also while Redis is down.

Anyone gets the verdict only ({"status": "ok"} with 200, or {"status": "unavailable"} with
503): enough for a load balancer, nothing about what runs behind. Which checks ran and why
one failed are shown to staff users and to a monitor that sends HEALTHZ_TOKEN
(`Authorization: Bearer <token>` or `?token=<token>`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import hmac

import redis
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Database
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from core.heartbeat import fast_redis, heartbeat_ages


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """Liveness: the process is up and serving requests."""
    return JsonResponse({"status": "ok"})


@dataclasses.dataclass
class RedisPing(HealthCheck):
    """Redis answers a PING within HEALTHZ_REDIS_TIMEOUT seconds (no retries)."""

    def run(self) -> None:
        try:
            fast_redis(settings.REDIS_URL).ping()
        except redis.RedisError as error:
            raise ServiceUnavailable(f"Redis unreachable: {type(error).__name__}") from error


@dataclasses.dataclass
class WorkerHeartbeat(HealthCheck):
    """Every Celery queue has a worker whose heartbeat is fresh (read, not pinged)."""

    def run(self) -> None:
        queues = settings.HEALTHZ_WORKER_QUEUES
        try:
            ages = heartbeat_ages(fast_redis(settings.REDIS_URL), queues)
        except redis.RedisError as error:
            raise ServiceUnavailable("Heartbeat unreadable: Redis unreachable") from error
        stale = settings.WORKER_HEARTBEAT_STALE_SECONDS
        missing = [queue for queue, age in ages.items() if age is None]
        old = [f"{queue} ({age:.0f} s)" for queue, age in ages.items() if age and age > stale]
        if missing:
            raise ServiceUnavailable(f"No worker heartbeat for queue(s): {', '.join(missing)}")
        if old:
            raise ServiceUnavailable(f"Worker heartbeat stale for queue(s): {', '.join(old)}")


def _checks():
    checks: list = [Database]
    if settings.REDIS_URL:
        checks += [RedisPing, WorkerHeartbeat]
    return checks


def _token_matches(request: HttpRequest) -> bool:
    expected = settings.HEALTHZ_TOKEN
    if not expected:
        return False
    header = request.headers.get("Authorization", "")
    given = header[len("Bearer ") :] if header.startswith("Bearer ") else ""
    given = given or request.GET.get("token", "")
    return hmac.compare_digest(given.encode(), expected.encode())


async def may_see_details(request: HttpRequest) -> bool:
    """Staff users and holders of the token see the checks; everybody else the verdict."""
    if _token_matches(request):
        return True
    user = await request.auser()
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


class HealthView(HealthCheckView):
    """Readiness."""

    def get_checks(self):
        self.checks = _checks()
        return super().get_checks()

    async def get(self, request, *args, **kwargs):
        if await may_see_details(request):
            response = await super().get(request, *args, **kwargs)
            if response.status_code == 500:
                response.status_code = 503
            return response
        with self.get_executor() as executor:
            results = await asyncio.gather(
                *(check.get_result(executor) for check in self.get_checks())
            )
        if any(result.error for result in results):
            return JsonResponse({"status": "unavailable"}, status=503)
        return JsonResponse({"status": "ok"})
