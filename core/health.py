"""/healthz: database always; Redis and a Celery worker when a broker is configured.

Anyone gets the verdict only ({"status": "ok"} with 200, or {"status": "unavailable"} with
503): enough for a load balancer, nothing about what runs behind. Which checks ran and why
one failed are shown to staff users and to a monitor that sends HEALTHZ_TOKEN
(`Authorization: Bearer <token>` or `?token=<token>`).
"""

from __future__ import annotations

import asyncio
import hmac

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from health_check.checks import Database
from health_check.contrib.celery import Ping
from health_check.contrib.redis import Redis
from health_check.views import HealthCheckView
from redis.asyncio import Redis as RedisClient


def _checks():
    checks: list = [Database]
    if settings.REDIS_URL:
        checks.append((Redis, {"client_factory": lambda: RedisClient.from_url(settings.REDIS_URL)}))
        checks.append(Ping)
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
