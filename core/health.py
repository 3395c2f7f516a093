"""/healthz: database always; Redis and a Celery worker when a broker is configured."""

from django.conf import settings
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


class HealthView(HealthCheckView):
    def get_checks(self):
        self.checks = _checks()
        return super().get_checks()
