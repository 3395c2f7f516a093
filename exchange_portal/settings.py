"""Settings for the Exchange Portal.

Every value comes from the environment (django-environ). With nothing set the portal runs
for development: SQLite, Celery tasks eagerly in process, DEBUG on, mail to the console.
With DEBUG off it is the production configuration and refuses to start without SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from kombu import Queue

from exchange_portal.storage import file_storage_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)
PRODUCTION = not DEBUG

if PRODUCTION:
    # Fail closed: no default secret, host list, database or broker in production.
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    for required in ("DATABASE_URL", "REDIS_URL"):
        if not env.str(required, default=""):
            raise ImproperlyConfigured(f"Set the {required} environment variable in production.")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="dev-only-insecure-key-never-used-in-production-0123"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "django_countries",
    "health_check",
    "bootstrap",
    "core",
    "reference",
    "accounts",
    "hospitals",
    "programs",
    "trainees",
    "applications",
    "notifications",
    "letters",
    "placements",
    "travel",
    "accommodation",
    "dashboards",
    "privacy",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffSessionMiddleware",
    "privacy.middleware.PrivacyNoticeMiddleware",
    # Last, as django-axes asks: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "exchange_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "exchange_portal.context_processors.portal",
                "notifications.context_processors.inbox",
            ],
        },
    },
]

WSGI_APPLICATION = "exchange_portal.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Connection reuse: each gunicorn worker and Celery process keeps its connection for
# CONN_MAX_AGE seconds (60 in production, saving a PostgreSQL connect per request) and checks
# it before reuse, so a connection the server dropped is replaced, not an error.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails a request (and /healthz/) in seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=5)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses to authenticate while an account is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # ASVS 2.1.1: at least 12 characters (Django's default is 8).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS",
    default=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    ],
)

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: the e-mail address is the login; addresses are verified before use.
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
# The outbox adds NOTIFICATIONS_SUBJECT_PREFIX to every mail, account mail included.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupNamesForm"
# Failed sign-ins are throttled twice (ASVS 2.2.1), and neither can lock an owner out from
# elsewhere: django-axes (below) pauses one account at one address; allauth counts failures
# per address across all accounts (credential stuffing), with a ceiling high enough for a
# hospital's staff behind one NAT address. A success takes back its own count, never the
# others'. allauth's other limits (sign-ups, reset mails, confirmation mails) stay on.
LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = env.int("LOGIN_FAILURES_PER_ADDRESS_PER_HOUR", default=50)
ACCOUNT_RATE_LIMITS = {"login_failed": f"{LOGIN_FAILURES_PER_ADDRESS_PER_HOUR}/1h/ip"}
# The client's address, for both counts: REMOTE_ADDR, or the address the last
# TRUSTED_PROXY_COUNT proxies (ours) saw in X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication (ASVS 4.3.1): TOTP with recovery codes, required for
# coordinators, supervisors and administrators in production (off in the demo, so that the
# demo logins work at once).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("SITE_NAME", default="Exchange Portal")
MFA_REQUIRED_FOR_STAFF = env.bool("MFA_REQUIRED_FOR_STAFF", default=PRODUCTION)

# Login throttling (ASVS 2.2.1): after 10 failures for one account from one address, that
# account is paused at that address for an hour; the owner still signs in from anywhere else
# (a stranger's failures are no weapon against them). A success resets the pair's count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.security.login_attempt_username"
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Internationalisation: times stored in UTC, shown in the viewer's zone and language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("ru", _("Russian")),
    ("zh-hans", _("Simplified Chinese")),
    ("de", _("German")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic writes here; in production point it outside the checkout (docs/production.md).
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Sensitive files (agreements, passports, diplomas) never sit under a public URL: they are
# stored here and served only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private_media")))
# Where uploads live (FILE_STORAGE=local|s3) and how private files are handed out
# (PRIVATE_FILES_SERVE=django|nginx|s3): exchange_portal/storage.py, docs/production.md.
_file_settings = file_storage_settings(
    env,
    production=PRODUCTION,
    private_media_root=PRIVATE_MEDIA_ROOT,
    static_backend=(
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    ),
)
FILE_STORAGE = _file_settings["FILE_STORAGE"]
STORAGES = _file_settings["STORAGES"]
PRIVATE_FILES_SERVE = _file_settings["PRIVATE_FILES_SERVE"]
PRIVATE_FILES_URL_EXPIRY = _file_settings["PRIVATE_FILES_URL_EXPIRY"]
PRIVATE_FILES_NGINX_LOCATION = _file_settings["PRIVATE_FILES_NGINX_LOCATION"]
STORAGE_ORIGINS = _file_settings["STORAGE_ORIGINS"]
WHITENOISE_USE_FINDERS = not PRODUCTION
# collectstatic (production): hashed names for caching forever, each compressed once with
# gzip and brotli. Only the hashed copies are kept and compressed (templates name files
# through {% static %}, never by their plain name) and source maps, which only developer
# tools fetch, are not compressed: about half the work and the disk of whitenoise's default.
WHITENOISE_KEEP_ONLY_HASHED_FILES = env.bool("WHITENOISE_KEEP_ONLY_HASHED_FILES", default=True)
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    *("jpg", "jpeg", "png", "gif", "webp", "zip", "gz", "tgz", "bz2", "tbz", "xz", "br"),
    *("swf", "flv", "woff", "woff2", "3gp", "3gpp", "asf", "avi", "m4v", "mov", "mp4"),
    *("mpeg", "mpg", "webm", "wmv", "map"),
)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# 25 megapixels: a phone's full-size photo (24.5 MP on recent iPhones, 12 MP on most),
# a 24 MP camera, an A4 page scanned at 500 dpi (24.2 MP); decoding one costs ~75 MB.
# Larger pictures are refused from their header before a pixel is decoded (bench/uploads.py).
IMAGE_MAX_PIXELS = env.int("IMAGE_MAX_PIXELS", default=25_000_000)
# Uploads (photos, documents, agreements, referee letters) per user, or per address for a
# referee without an account, in each window: more get a 429 page (core.ratelimit).
UPLOAD_RATE_LIMIT = env.int("UPLOAD_RATE_LIMIT", default=30)
UPLOAD_RATE_WINDOW = 3600

# /healthz/ shows which checks ran (database, Redis, Celery) only to staff users and to a
# monitor sending this token; everybody else gets {"status": "ok"} or 503 (core/health.py).
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")
# Readiness gives Redis this long (connect and answer), without retries.
HEALTHZ_REDIS_TIMEOUT = env.float("HEALTHZ_REDIS_TIMEOUT", default=0.25)
# Every Celery worker writes its heartbeat this often (core/heartbeat.py); readiness calls a
# queue without a heartbeat younger than three intervals unserved.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=10)
WORKER_HEARTBEAT_STALE_SECONDS = 3 * WORKER_HEARTBEAT_SECONDS
# An organisation's coordinators see an applicant's documents while the application is open
# and this many days after it closes (rejected, withdrawn, declined, expired); then 404.
DOCUMENT_ACCESS_AFTER_CLOSE_DAYS = env.int("DOCUMENT_ACCESS_AFTER_CLOSE_DAYS", default=30)

# Visa invitation letters are refused while the passport expires less than this many months
# after the stay ends (most consulates ask for six).
LETTER_PASSPORT_MARGIN_MONTHS = env.int("LETTER_PASSPORT_MARGIN_MONTHS", default=6)

# Mail: console in development, SMTP from EMAIL_URL in production.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Exchange Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)  # a hung mail server never holds a worker

# Notifications (see notifications/services.py): the outbox is the truth, Celery the carrier.
NOTIFICATIONS_SUBJECT_PREFIX = env.str("NOTIFICATIONS_SUBJECT_PREFIX", default="[Exchange Portal] ")
NOTIFICATIONS_MESSAGE_ID_DOMAIN = env.str(
    "NOTIFICATIONS_MESSAGE_ID_DOMAIN", default="exchange-portal"
)
# Actions over more rows than this run as a background job with progress (core.jobs). A bulk
# transition costs ~60 ms a row under load (issue 19: 500 shortlisted in 29.4 s), so 50 rows
# keep a request near 3 s.
BACKGROUND_THRESHOLD = env.int("BACKGROUND_THRESHOLD", default=50)
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", default=50)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", default=5)
NOTIFICATIONS_RETRY_BASE_SECONDS = env.float("NOTIFICATIONS_RETRY_BASE_SECONDS", default=30.0)
NOTIFICATIONS_RETRY_MAX_SECONDS = env.float("NOTIFICATIONS_RETRY_MAX_SECONDS", default=1800.0)
# Pending rows older than this are re-enqueued by the sweeper (broker down at commit time).
NOTIFICATIONS_SWEEP_AFTER = timedelta(
    seconds=env.int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=180)
)
# A row "sending" for longer than this belongs to a dead worker (task time limit is 300 s).
NOTIFICATIONS_SENDING_STALE_AFTER = timedelta(
    seconds=env.int("NOTIFICATIONS_SENDING_STALE_AFTER_SECONDS", default=600)
)
NOTIFICATIONS_SWEEP_LIMIT = 5000

# Personal data (privacy/): the notice version people accept (change it when the text in
# templates/privacy/notice.html changes: everyone is asked again), how long a personal-data
# export stays downloadable, and how long documents are kept after a stay ends or after an
# application is rejected or withdrawn (the nightly retention task).
PRIVACY_NOTICE_VERSION = env.str("PRIVACY_NOTICE_VERSION", default="2026-12")
PRIVACY_EXPORT_KEEP_DAYS = env.int("PRIVACY_EXPORT_KEEP_DAYS", default=7)
RETENTION_AFTER_STAY_DAYS = env.int("RETENTION_AFTER_STAY_DAYS", default=365)
RETENTION_AFTER_CLOSE_DAYS = env.int("RETENTION_AFTER_CLOSE_DAYS", default=182)

# Celery: Redis broker in production; without REDIS_URL tasks run eagerly in process.
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Three queues: "celery" (everything else), "mail" (the outbox: a slow export never delays a
# sign-up mail) and "heavy" (exports, matching, suggestions, bulk actions, letters). A worker
# started without -Q consumes all three (development, CI, a one-host install); production
# can run one worker per queue (docs/production.md).
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_QUEUES = (Queue("celery"), Queue("mail"), Queue("heavy"))
# Readiness wants a live worker on each of these queues (all of them by default).
HEALTHZ_WORKER_QUEUES = env.list(
    "HEALTHZ_WORKER_QUEUES", default=[queue.name for queue in CELERY_TASK_QUEUES]
)
CELERY_TASK_ROUTES = {
    "notifications.tasks.*": {"queue": "mail"},
    "dashboards.tasks.*": {"queue": "heavy"},
    "accommodation.tasks.*": {"queue": "heavy"},
    "placements.tasks.*": {"queue": "heavy"},
    "letters.tasks.*": {"queue": "heavy"},
    "privacy.tasks.*": {"queue": "heavy"},
    "*.tasks.bulk_*": {"queue": "heavy"},
    "*suggest*": {"queue": "heavy"},
}
CELERY_BEAT_SCHEDULE: dict = {
    "notifications-sweep": {"task": "notifications.tasks.sweep", "schedule": 60},
    "accommodation-nightly": {
        "task": "accommodation.tasks.nightly_matching",
        "schedule": crontab(hour=2, minute=0),
    },
    "placements-advance": {
        "task": "placements.tasks.advance_by_date",
        "schedule": crontab(hour=0, minute=30),
    },
    "notifications-reminders": {"task": "notifications.tasks.run_reminders", "schedule": 60 * 60},
    "notifications-digest": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=6, minute=0),
    },
    "expire-overdue-offers": {
        "task": "applications.tasks.expire_overdue_offers",
        "schedule": 15 * 60,
    },
    "privacy-retention": {
        "task": "privacy.tasks.nightly_retention",
        "schedule": crontab(hour=3, minute=0),
    },
}

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that stops answering fails a cache call in a second, never hangs it.
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_REDIS_TIMEOUT", default=1.0),
                "socket_timeout": env.float("CACHE_REDIS_TIMEOUT", default=1.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
COUNTRIES_FIRST = ["KR", "RU", "CN", "DE", "KZ", "MN", "MW"]

# Security. Development keeps plain HTTP; production is HTTPS-only behind a proxy.
# Every cookie the portal sets (session, CSRF, language) is HttpOnly and SameSite=Lax, and
# Secure in production; messages live in the session, so no name travels in a cookie.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
# Staff sessions (coordinators, supervisors, administrators: accounts.middleware) end after
# 30 minutes without a request and 12 hours after sign-in (ASVS 3.3.1/3.3.2 at L2); trainees
# keep SESSION_COOKIE_AGE.
STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("STAFF_SESSION_IDLE_MINUTES", default=30))
STAFF_SESSION_MAX_AGE = timedelta(hours=env.int("STAFF_SESSION_MAX_HOURS", default=12))
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Load balancers probe the health endpoints over plain HTTP on the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# Content Security Policy: everything from our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *STORAGE_ORIGINS],
        "font-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

SITE_NAME = env.str("SITE_NAME", default="Exchange Portal")
# Where the portal is reached from outside: links in e-mails and on PDFs point here.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000").rstrip("/")
