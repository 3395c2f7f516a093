"""Load test of the production stack on a large academy (issue 19).

    .venv/bin/python bench/load.py [--trainees 2500] [--quick] [--keep-data] [--rebuild]

1. Data: its own PostgreSQL database (`exchange_load`, `exchange_load_quick` with --quick)
   on the local server, created and migrated here; the academy of `bench/academy.py` (one
   12-week program with 40 rotation sites, 2,500 trainees, 3,611 applications, 500 of them
   scheduled and sent to 80 supervisors) built through the project's services where it
   matters (see that module's docstring for what is bulk-inserted). A database left by an
   earlier run with --keep-data and holding an academy of the same size is reused;
   --rebuild drops it first. Without --keep-data the database is dropped at the end.
2. The stack, on 127.0.0.1 only, in production mode (DEBUG=false, a random SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, this DATABASE_URL, REDIS_URL=redis://127.0.0.1:6379/5 (or
   --redis / BENCH_REDIS_URL; --pg / BENCH_PG for the PostgreSQL server), mail
   to Django's dummy backend): `gunicorn exchange_portal.wsgi --workers 3 --worker-class
   sync --timeout 30` (the README's workers; no --max-requests, so that worker memory is
   what is measured) and `celery -A exchange_portal worker --concurrency 2`, each in its
   own process group, the worker given time to finish what building the data queued; both
   are stopped at the end, also on an error or Ctrl-C, and nothing
   else is. `collectstatic` runs first when the manifest is missing (production serves
   static files with whitenoise's manifest storage). Requests carry `X-Forwarded-Proto:
   https`, as the TLS proxy in front would.
3. Sign-in: the coordinator's and the supervisor's sessions must have used a second factor
   (accounts.middleware.StaffSessionMiddleware, MFA_REQUIRED_FOR_STAFF is on in
   production). The bench does not type TOTP codes: it opens each session in the database
   as a sign-in would leave it, with Django's own `login()` on a SessionStore, allauth's
   `record_authentication` for the password and the TOTP step, and the portal's
   `note_sign_in`; the session key is sent as the session cookie. Same for the trainee.
4. Load: a closed loop of httpx clients in threads at concurrency 1, 8 and 32; each client
   takes the next page from a round-robin over the mix until every page was requested
   `--per-page` times (or the level's time cap passed), after a warm-up round that is not
   counted (3 clients, each page 3 times). Pages:
     trivial    /healthz/live/ when it answers 200, else one static file through
                whitenoise (named in the output)
     catalog    /programs/ (anonymous)
     review     the program's review list (coordinator)
     readiness  the program's readiness dashboard (coordinator)
     schedule   the program's schedule grid, first page (coordinator)
     home       a scheduled trainee's home page
     inbox      a supervisor's placement requests
   Printed per level and page: requests, req/s, p50/p95/p99 and the ratios of the page's
   p50 and p95 to the trivial view's p50 in the same level; errors are answers other than
   2xx/3xx, timeouts (60 s) and broken connections.
5. Memory: the resident set size (/proc/<pid>/status VmRSS) of the gunicorn workers before
   and after 5,000 more requests over the mix (pages that failed the concurrency-1 target
   are left out of this phase, named in the output, so that it ends in minutes).

Exit status 0 only when every target holds, otherwise 1 with the failed targets printed:
at concurrency 1 no page's p50 over 40x the trivial view's p50; at concurrency 8 no page's
p95 over 100x the trivial view's p50; no error at all; the workers' total RSS grows less
than 20 % over the 5,000 requests and no worker was replaced.
"""

from __future__ import annotations

import argparse
import itertools
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MEDIAN_RATIO_AT_1 = 40
P95_RATIO_AT_8 = 100
MEMORY_GROWTH = 0.20
LEVELS = (1, 8, 32)
REQUEST_TIMEOUT = 60.0
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")


# --- figures ----------------------------------------------------------------------------


@dataclass
class Stats:
    page: str
    concurrency: int
    elapsed: float = 0.0
    times: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def quantile(self, q: int) -> float:
        if not self.times:
            return float("nan")
        if len(self.times) == 1:
            return self.times[0]
        return statistics.quantiles(self.times, n=100, method="inclusive")[q - 1]

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def verdict(results: list[Stats], memory_growth: float | None, *, replaced: int = 0) -> list[str]:
    """The targets that failed, in words; empty when all hold."""
    failed = []
    trivial = {s.concurrency: s.median for s in results if s.page == "trivial"}
    for s in results:
        if s.errors:
            failed.append(f"{s.page} at concurrency {s.concurrency}: {s.errors} error(s)")
        base = trivial.get(s.concurrency)
        if s.page == "trivial" or not base:
            continue
        if s.concurrency == 1 and s.median > MEDIAN_RATIO_AT_1 * base:
            failed.append(
                f"{s.page} at concurrency 1: p50 {s.median / base:.0f}x the trivial view's p50"
                f" (target <= {MEDIAN_RATIO_AT_1}x)"
            )
        if s.concurrency == 8 and s.quantile(95) > P95_RATIO_AT_8 * base:
            failed.append(
                f"{s.page} at concurrency 8: p95 {s.quantile(95) / base:.0f}x the trivial"
                f" view's p50 (target <= {P95_RATIO_AT_8}x)"
            )
    if memory_growth is None:
        failed.append("worker memory: not measured")
    elif memory_growth >= MEMORY_GROWTH:
        failed.append(
            f"worker memory grew {memory_growth:.0%} over the requests"
            f" (target < {MEMORY_GROWTH:.0%})"
        )
    if replaced:
        failed.append(f"{replaced} gunicorn worker(s) replaced during the run (killed/timeout)")
    return failed


def print_level(level: list[Stats], wall: float, idle_base: float | None = None) -> None:
    base = next((s.median for s in level if s.page == "trivial"), float("nan"))
    total = sum(len(s.times) + s.errors for s in level)
    print(
        f"\nconcurrency {level[0].concurrency}: {total} requests in {wall:.1f} s"
        f" ({total / wall:.1f} req/s)"
    )
    print(
        f"  {'page':<10} {'n':>5} {'req/s':>7} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}"
        f" {'p50/triv':>9} {'p95/triv':>9} {'errors':>6}"
    )
    for s in level:
        n = len(s.times)
        print(
            f"  {s.page:<10} {n:>5} {n / wall:>7.1f} {s.median * 1000:>9.1f}"
            f" {s.quantile(95) * 1000:>9.1f} {s.quantile(99) * 1000:>9.1f}"
            f" {s.median / base:>9.1f} {s.quantile(95) / base:>9.1f} {s.errors:>6}"
        )
        for sample in s.error_samples[:3]:
            print(f"             error: {sample}")
    if idle_base:
        # Under load the trivial view queues too; this shows the wait against an idle one.
        ratios = ", ".join(f"{s.page} {s.quantile(95) / idle_base:.0f}x" for s in level)
        print(f"  p95 / trivial p50 at concurrency 1 (information, no target): {ratios}")


# --- load -------------------------------------------------------------------------------


@dataclass
class Page:
    name: str
    path: str
    session: str | None  # session key, or None for anonymous


def run_level(
    base_url: str,
    pages: list[Page],
    concurrency: int,
    per_page: int,
    cap_seconds: float,
    cookie_name: str,
) -> tuple[list[Stats], float]:
    """A closed loop: `concurrency` clients, each sending its next request as soon as the
    previous one answered, until every page was asked `per_page` times or the cap passed."""
    import httpx

    stats = {p.name: Stats(p.name, concurrency) for p in pages}
    work = itertools.islice(itertools.cycle(pages), per_page * len(pages))
    lock = threading.Lock()
    deadline = time.monotonic() + cap_seconds

    def client_loop() -> None:
        headers = {"X-Forwarded-Proto": "https", "Accept": "text/html"}
        with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT, headers=headers) as http:
            while time.monotonic() < deadline:
                with lock:
                    page = next(work, None)
                if page is None:
                    return
                cookies = f"{cookie_name}={page.session}" if page.session else ""
                started = time.perf_counter()
                problem = None
                try:
                    response = http.get(page.path, headers={"Cookie": cookies})
                    if not 200 <= response.status_code < 400:
                        problem = f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    problem = f"{type(error).__name__}: {error}"
                elapsed = time.perf_counter() - started
                with lock:
                    if problem:
                        stats[page.name].errors += 1
                        stats[page.name].error_samples.append(problem)
                    else:
                        stats[page.name].times.append(elapsed)

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    for s in stats.values():
        s.elapsed = wall
    return list(stats.values()), wall


# --- processes --------------------------------------------------------------------------


class Stack:
    """The processes this bench started (each the leader of its own process group)."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env, self.log_dir = env, log_dir
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(
            argv, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    if children.exists():
        return sorted(int(pid) for pid in children.read_text().split())
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"PPid:\t{master}\n" in status.read_text():
                pids.append(int(status.parent.name))
        except OSError:
            continue
    return sorted(pids)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_queue(url: str, limit: float = 900) -> None:
    """Let the worker finish what building the data queued (mail, letters) first, so that
    the load is measured without a backlog next to it."""
    import redis

    broker = redis.Redis.from_url(url)
    started = time.monotonic()
    while broker.llen("celery") or broker.hlen("unacked"):
        if time.monotonic() - started > limit:
            print(f"the Celery backlog is not drained after {limit:.0f} s; measuring anyway")
            return
        time.sleep(1)
    print(f"Celery backlog drained in {time.monotonic() - started:.0f} s")


def wait_until(check, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # not up yet, whatever the reason
            pass
        time.sleep(0.5)
    raise SystemExit(f"{what} did not come up within {seconds:.0f} s")


# --- database, data and sessions ---------------------------------------------------------


def prepare_database(pg: str, name: str, rebuild: bool) -> bool:
    """Create the database if needed; True when it existed (and was kept)."""
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
    return bool(exists)


def drop_database(pg: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def academy_for(trainees: int):
    """The academy in the database when it has this size, else None (after emptying it)."""
    from accounts.models import User
    from bench import academy

    built = academy.find()
    if built is not None:
        count = User.objects.filter(email__endswith="@load.exchange-portal.org").count()
        if count - 1 - 80 == trainees:  # the coordinator and the supervisors
            return built
    return None


def open_session(user) -> str:
    """A session as a password + TOTP sign-in leaves it (see the module docstring)."""
    from allauth.account.internal.flows.login import record_authentication
    from django.contrib.auth import login
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from accounts import security

    request = RequestFactory().get("/accounts/login/", REMOTE_ADDR="127.0.0.1")
    request.session = SessionStore()
    request.user = user
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    record_authentication(request, user, "password", email=user.email)
    record_authentication(request, user, "mfa", type="totp")
    security.note_sign_in(request)
    request.session.save()
    return request.session.session_key


def trivial_path(base_url: str) -> str:
    import httpx
    from django.contrib.staticfiles.storage import staticfiles_storage

    headers = {"X-Forwarded-Proto": "https"}
    try:
        if httpx.get(f"{base_url}/healthz/live/", headers=headers).status_code == 200:
            return "/healthz/live/"
    except httpx.HTTPError:
        pass
    return staticfiles_storage.url("css/portal.css")


# --- the run --------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trainees", type=int, default=None, help="default 2500 (60 --quick)")
    parser.add_argument("--quick", action="store_true", help="small data, few requests")
    parser.add_argument("--keep-data", action="store_true", help="keep the database after")
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the data")
    parser.add_argument("--per-page", type=int, default=None, help="requests per page and level")
    parser.add_argument("--memory-requests", type=int, default=None, help="default 5000")
    parser.add_argument("--level-cap", type=float, default=600, help="seconds per level at most")
    parser.add_argument("--collectstatic", action="store_true", help="even with a manifest")
    parser.add_argument(
        "--pg", default=os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    )
    parser.add_argument("--db", default=None, help="database name (default exchange_load)")
    parser.add_argument("--redis", default=REDIS_URL, help="broker and cache (BENCH_REDIS_URL)")
    args = parser.parse_args()
    trainees = args.trainees or (60 if args.quick else 2500)
    per_page = args.per_page or (4 if args.quick else 30)
    memory_requests = args.memory_requests or (200 if args.quick else 5000)
    database = args.db or ("exchange_load_quick" if args.quick else "exchange_load")
    started = time.perf_counter()

    work_dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="exchange_portal.settings",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{args.pg}/{database}",
        REDIS_URL=args.redis,
        CELERY_TASK_ALWAYS_EAGER="false",
        EMAIL_URL="dummymail://",
        PORTAL_URL=base_url,
        MEDIA_ROOT=str(work_dir / "media"),
        PRIVATE_MEDIA_ROOT=str(work_dir / "private"),
        LOG_LEVEL="WARNING",
    )
    os.environ.update(env)
    reused = prepare_database(args.pg, database, args.rebuild)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from bench import academy

    stack = Stack(env, work_dir)
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        call_command("migrate", verbosity=0)
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if args.collectstatic or not manifest.exists():
            t = time.perf_counter()
            call_command("collectstatic", interactive=False, verbosity=0)
            print(f"collectstatic into {settings.STATIC_ROOT}: {time.perf_counter() - t:.1f} s")
        built = academy_for(trainees) if reused else None
        if built is None:
            if reused:  # another size or a half-built academy: start from an empty database
                call_command("flush", interactive=False, verbosity=0)
            t = time.perf_counter()
            print(f"building the academy ({academy.sizes(trainees)}):")
            built = academy.build(trainees, log=lambda line: print(line, flush=True))
            # As a database in service would have them: planner statistics (autovacuum
            # may not have run yet after the bulk inserts, or be off).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(f"academy built in {time.perf_counter() - t:.1f} s")
        else:
            print(f"reusing the academy in database {database} ({academy.sizes(trainees)})")
        program = built.program
        sessions = {
            "coordinator": open_session(built.coordinator),
            "trainee": open_session(built.trainee),
            "supervisor": open_session(built.supervisor),
        }
        python = sys.executable
        gunicorn = stack.start(
            "gunicorn",
            [python, "-m", "gunicorn", "exchange_portal.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "3", "--worker-class", "sync", "--timeout", "30"],
        )  # fmt: skip
        stack.start(
            "celery",
            [python, "-m", "celery", "-A", "exchange_portal", "worker", "--loglevel=WARNING",
             "--concurrency=2", "--without-gossip", "--without-mingle",
             "-n", f"load-{os.getpid()}@%h"],
        )  # fmt: skip
        from exchange_portal.celery import app

        wait_until(lambda: app.control.ping(timeout=0.5), "the Celery worker")
        wait_until(lambda: socket.create_connection(("127.0.0.1", port), 1), "gunicorn")
        wait_until(lambda: len(worker_pids(gunicorn.pid)) == 3, "3 gunicorn workers")
        wait_for_queue(args.redis)
        return run(args, stack, gunicorn, base_url, program, sessions, per_page, memory_requests)
    finally:
        stack.stop()
        signal.signal(signal.SIGTERM, previous)
        from django.db import connections

        connections.close_all()
        if not args.keep_data:
            drop_database(args.pg, database)
        shutil.rmtree(work_dir, ignore_errors=True)
        print(f"\nbench wall time {time.perf_counter() - started:.0f} s"
              f"{'' if args.keep_data else f'; database {database} dropped'}")  # fmt: skip


def run(args, stack, gunicorn, base_url, program, sessions, per_page, memory_requests) -> int:
    from django.conf import settings

    trivial = trivial_path(base_url)
    pk = program.pk
    pages = [
        Page("trivial", trivial, None),
        Page("catalog", "/programs/", None),
        Page("review", f"/applications/review/program/{pk}/", sessions["coordinator"]),
        Page("readiness", f"/placements/program/{pk}/readiness/", sessions["coordinator"]),
        Page("schedule", f"/placements/program/{pk}/schedule/", sessions["coordinator"]),
        Page("home", "/", sessions["trainee"]),
        Page("inbox", "/placements/inbox/", sessions["supervisor"]),
    ]
    cookie = settings.SESSION_COOKIE_NAME
    print(f"\ntrivial view: {trivial}; stack on {base_url}, logs in {stack.log_dir}")
    # Every page must answer 200 (a redirect to sign-in would measure the wrong page).
    import httpx

    for page in pages:
        response = httpx.get(
            base_url + page.path, timeout=REQUEST_TIMEOUT,
            headers={"X-Forwarded-Proto": "https", "Cookie": f"{cookie}={page.session or ''}"},
        )  # fmt: skip
        print(f"  {page.name:<10} {page.path:<45} {response.status_code}"
              f" {len(response.content) / 1024:8.0f} KiB")  # fmt: skip
        if response.status_code != 200:
            print(f"{page.name} answers {response.status_code}, not 200: giving up")
            return 1
    # Warm-up, not counted: every worker compiles its templates and opens its connections.
    run_level(base_url, pages, 3, 3, args.level_cap, cookie)
    results: list[Stats] = []
    for concurrency in LEVELS:
        level, wall = run_level(base_url, pages, concurrency, per_page, args.level_cap, cookie)
        idle = next((s.median for s in results if s.page == "trivial"), None)
        print_level(level, wall, idle)
        results += level
    over = {f.split(" at ")[0] for f in verdict([s for s in results if s.concurrency == 1], 0.0)}
    mix = [p for p in pages if p.name not in over]
    workers = worker_pids(gunicorn.pid)
    before = {pid: rss_kib(pid) for pid in workers}
    per = -(-memory_requests // len(mix))
    memory, wall = run_level(base_url, mix, 8, per, args.level_cap * 3, cookie)
    after_workers = worker_pids(gunicorn.pid)
    after = {pid: rss_kib(pid) for pid in after_workers if pid in before}
    replaced = len(set(workers) - set(after_workers))
    done = sum(len(s.times) + s.errors for s in memory)
    growth = (sum(after.values()) / sum(before[p] for p in after)) - 1 if after else None
    left_out = f" (left out: {', '.join(sorted(over))})" if over else ""
    print(f"\nworker memory over {done} requests at concurrency 8{left_out}, {wall:.0f} s:")
    for pid in workers:
        print(f"  worker {pid}: {before[pid] / 1024:7.1f} MiB -> "
              + (f"{after[pid] / 1024:7.1f} MiB" if pid in after else "replaced"))  # fmt: skip
    if growth is not None:
        print(f"  total growth {growth:+.1%} (target < {MEMORY_GROWTH:.0%})")
    errors = [s for s in memory if s.errors]
    for s in errors:
        print(f"  {s.page}: {s.errors} error(s) in the memory phase, e.g. {s.error_samples[0]}")
    failed = verdict(results + errors, growth, replaced=replaced)
    if done < memory_requests:
        failed.append(f"memory phase: only {done} of {memory_requests} requests within the cap")
    print("\nverdict: " + ("every target holds" if not failed else "FAILED"))
    for line in failed:
        print(f"  - {line}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
