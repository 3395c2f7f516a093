"""The Celery workers' heartbeat: a value each worker writes, which readiness reads.

Every worker process (its main process, not the pool children) writes, every
`WORKER_HEARTBEAT_SECONDS`, the time into one Redis sorted set per queue it consumes
(member: the worker's node name, score: Unix time). `/healthz/` then asks Redis for the
newest score of each queue (one round trip, no broadcast, no waiting for a worker to reply)
and calls a queue dead when its newest heartbeat is older than `3 ×` the interval.

A worker that stops cleanly takes its entries out; one that is killed leaves them to go
stale, and the next write of any worker trims entries older than a day.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterable

import redis
from celery import bootsteps
from django.conf import settings
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

KEY_PREFIX = "exchange-portal:worker-heartbeat:"
FORGET_AFTER_SECONDS = 24 * 60 * 60


def heartbeat_key(queue: str) -> str:
    return f"{KEY_PREFIX}{queue}"


@functools.lru_cache(maxsize=8)
def fast_redis(url: str) -> redis.Redis:
    """A client that gives up quickly: a probe must never hold a web worker for long.
    No retries (redis-py retries three times with back-off by default) and short socket
    timeouts; the pool is kept per URL, so a probe reuses its connection."""
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=settings.HEALTHZ_REDIS_TIMEOUT,
        socket_timeout=settings.HEALTHZ_REDIS_TIMEOUT,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=0,
    )


def write_heartbeat(
    client: redis.Redis, *, node: str, queues: Iterable[str], now: float | None = None
) -> None:
    """Record that `node` is alive and consuming `queues` at `now` (Unix time)."""
    now = time.time() if now is None else now
    pipe = client.pipeline(transaction=False)
    for queue in queues:
        key = heartbeat_key(queue)
        pipe.zadd(key, {node: now})
        pipe.zremrangebyscore(key, "-inf", now - FORGET_AFTER_SECONDS)
        pipe.expire(key, FORGET_AFTER_SECONDS)
    pipe.execute()


def clear_heartbeat(client: redis.Redis, *, node: str, queues: Iterable[str]) -> None:
    pipe = client.pipeline(transaction=False)
    for queue in queues:
        pipe.zrem(heartbeat_key(queue), node)
    pipe.execute()


def heartbeat_ages(
    client: redis.Redis, queues: Iterable[str], now: float | None = None
) -> dict[str, float | None]:
    """Seconds since the newest heartbeat of each queue (None: no worker ever wrote one)."""
    now = time.time() if now is None else now
    queues = list(queues)
    pipe = client.pipeline(transaction=False)
    for queue in queues:
        pipe.zrevrange(heartbeat_key(queue), 0, 0, withscores=True)
    ages: dict[str, float | None] = {}
    for queue, newest in zip(queues, pipe.execute(), strict=True):
        ages[queue] = max(0.0, now - newest[0][1]) if newest else None
    return ages


class WorkerHeartbeat(bootsteps.StartStopStep):
    """Celery worker bootstep (registered in exchange_portal/celery.py): writes the
    heartbeat at start, then every WORKER_HEARTBEAT_SECONDS on the worker's own timer."""

    requires = ("celery.worker.components:Timer",)

    def __init__(self, worker, **kwargs):
        super().__init__(worker, **kwargs)
        self.tref = None
        self.queues: list[str] = []

    def start(self, worker) -> None:
        if not settings.REDIS_URL:
            return
        self.queues = sorted(worker.app.amqp.queues.consume_from)
        self.beat(worker)
        self.tref = worker.timer.call_repeatedly(
            settings.WORKER_HEARTBEAT_SECONDS, self.beat, (worker,), priority=10
        )

    def beat(self, worker) -> None:
        try:
            write_heartbeat(
                fast_redis(settings.REDIS_URL), node=worker.hostname, queues=self.queues
            )
        except redis.RedisError as error:
            logger.warning("worker heartbeat not written: %s", error)

    def stop(self, worker) -> None:
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None
        if self.queues:
            try:
                clear_heartbeat(
                    fast_redis(settings.REDIS_URL), node=worker.hostname, queues=self.queues
                )
            except redis.RedisError as error:
                logger.warning("worker heartbeat not cleared: %s", error)
