"""Django settings for Symbiose.

Everything that differs between a laptop and production comes from the environment,
so the same code runs on the embedded SQLite default and on PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
# Data lives outside the source tree so a fresh clone never carries a database.
DATA_DIR = Path(os.environ.get("SYMBIOSE_DATA_DIR", Path.home() / ".local/share/symbiose"))
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no setting from the environment."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("SYMBIOSE_DEBUG", False)
#: Known to everyone: refused without DEBUG (symbiose/checks.py, wsgi.py).
BUILTIN_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"
_KEY_FILE = DATA_DIR / "secret_key"  # written by scripts/run on first start
SECRET_KEY = os.environ.get("SYMBIOSE_SECRET_KEY") or (
    _KEY_FILE.read_text(encoding="utf-8").strip() if _KEY_FILE.is_file() else BUILTIN_SECRET_KEY
)
# No "testserver" here: Django's test set-up adds it for the test client only.
ALLOWED_HOSTS = os.environ.get("SYMBIOSE_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",  # sign-in lockout per e-mail + address (symbiose/web/signin.py)
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "django_tasks",
    # before django_tasks_db: its `db_worker` stops promptly (interrupts the running task)
    "symbiose.taskworker",
    "django_tasks_db",
    "symbiose.taxonomy",
    "symbiose.registry",
    "symbiose.resources",
    "symbiose.matching",
    "symbiose.impact",
    "symbiose.facilitation",
    "symbiose.ledger",
    "symbiose.regional",
    "symbiose.search",
    "symbiose.contact",  # contact requests, their messages and match alerts
    "symbiose.web",
    "symbiose.mail",
    "symbiose.reports",  # PDFs and other slow files, prepared by task workers
    # Last, so that our translations win where admin has the same msgid ("Filter").
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "symbiose.inputs.RefuseNulMiddleware",  # a NUL in a parameter: 400, not a 500 later
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "symbiose.urls"
WSGI_APPLICATION = "symbiose.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'symbiose.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many writers at once (gunicorn workers, task workers): WAL lets readers run beside a
    # writer, IMMEDIATE takes the write lock at BEGIN (no deadlocking lock upgrades) and the
    # busy timeout makes a writer wait its turn instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": float(os.environ.get("SYMBIOSE_SQLITE_TIMEOUT", "60")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (match refreshes, recomputes, imports, reports, e-mail) runs in task workers
# (`symbiose db_worker`) that claim rows of one queue table with row locks, on any host that
# reaches the database. See docs/architecture.md, "Background work".
# `refresh_candidates` (a user waits for it) is also on its own queue, so a worker kept for it
# (`--queue-name interactive`, started by `scripts/run`) runs it even while every other worker
# is busy with minutes of bulk work (symbiose/taskworker/priority.py).
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "interactive"],
    }
}
#: Hub uploads larger than this many bytes are checked and saved by a task worker.
SYMBIOSE_IMPORT_TASK_BYTES = int(os.environ.get("SYMBIOSE_IMPORT_TASK_BYTES", "200000"))
#: A task worker's matching engine, saved so a restarted worker is warm in seconds (an empty
#: SYMBIOSE_ENGINE_SNAPSHOT turns it off; symbiose/matching/snapshot.py).
MATCH_ENGINE_SNAPSHOT = (
    os.environ.get("SYMBIOSE_ENGINE_SNAPSHOT", str(DATA_DIR / "matching-engine.pickle")) or None
)


def cache_from_url(url: str) -> dict[str, object]:
    """The default cache from ``SYMBIOSE_CACHE_URL``.

    ``db://symbiose_cache`` (the default: a table in the main database, shared by every
    gunicorn worker and host, created by ``migrate``), ``file:///path`` (one machine),
    ``redis://host:6379/0`` (needs the optional ``redis`` package) or ``locmem://`` (one
    process only: tests and single-worker development).
    """
    parsed = urlparse(url)
    limits = {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 3}
    if parsed.scheme == "db":
        table = parsed.netloc or parsed.path.strip("/") or "symbiose_cache"
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table,
                "OPTIONS": limits}  # fmt: skip
    if parsed.scheme == "file":
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": parsed.path, "OPTIONS": limits}  # fmt: skip
    if parsed.scheme in ("redis", "rediss"):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parsed.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": parsed.netloc or "symbiose"}  # fmt: skip
    raise ImproperlyConfigured(
        f"SYMBIOSE_CACHE_URL: unknown scheme {parsed.scheme!r} (use db, file, redis or locmem)"
    )


# One cache shared by all worker processes, so the sign-in throttle counts across workers.
CACHES = {"default": cache_from_url(os.environ.get("SYMBIOSE_CACHE_URL", "db://symbiose_cache"))}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = os.environ.get("SYMBIOSE_LANGUAGE", "nb")
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates day first with the month's name, not Django's American 12/06/2026.
FORMAT_MODULE_PATH = ["symbiose.formats"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

EMAIL_BACKEND = os.environ.get(
    "SYMBIOSE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("SYMBIOSE_FROM_EMAIL", "symbiose@localhost")
# The address people reach this site at, for absolute links in e-mails (no trailing slash).
# Unset, it is the local server on the port scripts/run serves (PORT, default 8000).
SITE_URL = (
    os.environ.get("SYMBIOSE_SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"
).rstrip("/")

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# --- web security: Content-Security-Policy (django-csp; docs/security.md, "Web security") ---
# Scripts only from our own static files: no inline <script>, no on*= handlers, no eval, so
# markup that slips through an escaping mistake cannot run. Data for scripts goes in data-*
# attributes or json_script. Styles may be inline (Leaflet and htmx set them; CSS cannot run
# script). Online map tiles are an opt-in layer, hence the one outside image source.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- web security: HTTPS, cookies and logging (docs/security.md, "Web security") ---
# SYMBIOSE_HTTPS=1 when the site is served over HTTPS: cookies only over HTTPS, HSTS,
# http:// redirected. SYMBIOSE_BEHIND_PROXY=1 when a reverse proxy terminates TLS and sets
# X-Forwarded-Proto (and X-Forwarded-For, used by the sign-in lockout).
HTTPS = env_bool("SYMBIOSE_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SYMBIOSE_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("SYMBIOSE_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SYMBIOSE_HSTS_PRELOAD", True)
BEHIND_PROXY = env_bool("SYMBIOSE_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Every server error with its traceback: to stderr (gunicorn's log) and to
# <data>/log/errors.log. Django alone logs nothing when DEBUG is off and ADMINS is empty.
LOG_DIR = Path(os.environ.get("SYMBIOSE_LOG_DIR", DATA_DIR / "log"))
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "errors": {
            "class": "logging.handlers.RotatingFileHandler",
            "level": "ERROR",
            "filename": str(LOG_DIR / "errors.log"),
            "maxBytes": 5_000_000,
            "backupCount": 5,
            "formatter": "plain",
            "delay": True,
        },
    },  # fmt: skip
    "loggers": {
        "django.request": {"handlers": ["errors"], "level": "ERROR"},
        "symbiose": {"handlers": ["errors"], "level": "INFO"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- web security: sign-in lockout (django-axes; symbiose/web/signin.py) ---
AUTHENTICATION_BACKENDS = [
    "symbiose.web.signin.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "symbiose.web.signin.SignInHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours: failures older than 15 minutes no longer count
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # clears only that e-mail + address; the address's others stay
AXES_USERNAME_CALLABLE = "symbiose.web.signin.username"
AXES_CLIENT_IP_CALLABLE = "symbiose.web.signin.client_address"
AXES_LOCKOUT_CALLABLE = "symbiose.web.signin.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # no log of successful sign-ins with addresses (data minimisation)
PROXY_COUNT = int(os.environ.get("SYMBIOSE_PROXY_COUNT", "1"))
