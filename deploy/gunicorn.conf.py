"""gunicorn settings for the Exchange Portal; every value can be changed from the
environment. Run from the checkout:

    gunicorn -c deploy/gunicorn.conf.py exchange_portal.wsgi

Why these values (docs/production.md has the long version):

- gthread workers: a request spends most of its time waiting for PostgreSQL, Redis or the
  object store, so each process serves GUNICORN_THREADS requests at once for the memory of
  one; (2 × cores) + 1 processes, as gunicorn recommends. Every thread keeps its own
  PostgreSQL connection (CONN_MAX_AGE): workers × threads per host must stay under
  PostgreSQL's max_connections, with the Celery processes.
- timeout 30 s: no page should take more than a few seconds (long work runs in Celery), so
  a worker silent for 30 s is stuck and is restarted. With gthread the timeout watches the
  process, not each request; nginx's proxy_read_timeout bounds a request.
- graceful timeout 30 s: on a deploy (HUP) or a stop, requests in flight get that long.
- max requests 1,000 ± 100: each worker is replaced after that many requests, jittered so
  they do not all restart at once; a guard against slow leaks (memory stayed flat in the
  load test, so this is insurance, not a fix).
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# The workers' heartbeat files: in a container set GUNICORN_WORKER_TMP_DIR=/dev/shm (memory),
# as a container's disk can stall them.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR") or None
# nginx in front (same host by default) may set X-Forwarded-For / -Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# A hung client never holds a worker with an endless header.
limit_request_line = 8190
limit_request_fields = 100
