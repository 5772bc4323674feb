"""Settings of the portal, in one module: every deploy-time value comes from the environment.

Without any environment the portal runs locally on SQLite in ``var/`` with DEBUG on.
``DJANGO_ENV=production`` turns DEBUG off by default and makes ``SECRET_KEY`` mandatory.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


ENVIRONMENT = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when DJANGO_ENV=production.")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use at least 50 random characters, for example from "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core.admin_site.PortalAdminConfig",  # Django's admin, sign-in throttled per user name
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_filters",
    "django_ratelimit",
    "simple_history",
    "axes",
    "django_countries",
    "django_tasks_db",
    "nested_admin",
    "imagekit",
    # The kernel, then the apps cut by domain (an app after those it links to), then the site.
    "core",
    "cooperation",
    "cresi",
    "subsidies",
    "europe",
    "results",
    "calls",
    "actors",
    "opendata",
    "api",
    "news",
    "photos",
    "agenda",
    "portal",
]

MIDDLEWARE = [
    "core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.AdminRefusesNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.StaffSessionExpiryMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.cache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "essonne_intl.urls"
WSGI_APPLICATION = "essonne_intl.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "core.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The e-mail queue's worker shares the file with the web server (make run). A transaction
    # that read before it writes would fail at once (« database is locked ») if the worker asked
    # for the database in between; taking the write lock as it begins makes it wait instead.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
# Each language's name is written in that language for the switcher (not translated).
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# British date formats under /en/ (essonne_intl/formats/en/formats.py).
FORMAT_MODULE_PATH = ["essonne_intl.formats"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Uploaded files: on disk under MEDIA_ROOT, or in an S3-compatible bucket when one is named
# (pip install ".[s3]"; credentials from the usual AWS_* variables). Files stay private: they
# are only ever served through the portal's own download views.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# WhiteNoise serves static files; outside production from the app folders, no collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not PRODUCTION
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Mail: printed to the console locally, sent over SMTP in production (set from the environment).
if PRODUCTION or os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
                # A hanging mail server holds the queue's worker no longer than this; the
                # attempt is then tried again later (core/mail.py).
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# Every e-mail is sent by a task (core/mail.py) kept in the database until a worker has sent it:
# `manage.py db_worker`, which `make run` starts next to the web server; in production a process
# of its own (see the README). A failed attempt that may pass (mail server away, 4xx answer) is
# tried again after EMAIL_RETRY_FIRST_DELAY seconds, then twice as long each time (at most
# EMAIL_RETRY_MAX_DELAY), EMAIL_SEND_ATTEMPTS attempts in all: about 4 hours by default.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_SEND_ATTEMPTS = int(os.environ.get("EMAIL_SEND_ATTEMPTS", "10"))
EMAIL_RETRY_FIRST_DELAY = float(os.environ.get("EMAIL_RETRY_FIRST_DELAY", "60"))
EMAIL_RETRY_MAX_DELAY = float(os.environ.get("EMAIL_RETRY_MAX_DELAY", "3600"))
# Days a sent or failed e-mail stays listed in the admin (its error may quote an address).
EMAIL_TASK_RETENTION_DAYS = int(os.environ.get("EMAIL_TASK_RETENTION_DAYS", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "relations-internationales@essonne.fr")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Cache: Redis when REDIS_URL is set (shared by every app server), else this process's memory.
# Rate-limit counters ("limits") are kept apart from the cached pages, so that filling the page
# cache can never evict them: in production give them a Redis of their own with
# maxmemory-policy noeviction (LIMITS_REDIS_URL); they share REDIS_URL's server otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
LIMITS_REDIS_URL = os.environ.get("LIMITS_REDIS_URL", "") or REDIS_URL
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": LIMITS_REDIS_URL,
            "KEY_PREFIX": "limits",
        },
    }
    # django-ratelimit does not list Django's own Redis backend among those it knows, but its
    # atomic increments are what the rate limits need.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "limits",
        },
    }
    # One process, one memory: rate limits are exact locally, per process with several workers.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Security headers on every response, and HTTPS everywhere in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    # The TLS-terminating proxy tells Django the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks; see client_ip.py).
# In production the TLS proxy usually runs on the same host and reaches gunicorn on loopback.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"] if PRODUCTION else [])

# Admin login: an address is locked for an hour after 5 failures, whatever user names it tries.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_network"  # an IPv6 client's whole /64
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Sign-in attempts per user name, from any address (core/admin_site.py).
ADMIN_LOGIN_USERNAME_RATE = os.environ.get("ADMIN_LOGIN_USERNAME_RATE", "20/h")
# Staff sessions end after this long without a request, and this long after signing in.
ADMIN_SESSION_IDLE_SECONDS = int(os.environ.get("ADMIN_SESSION_IDLE_SECONDS", str(30 * 60)))
ADMIN_SESSION_MAX_SECONDS = int(os.environ.get("ADMIN_SESSION_MAX_SECONDS", str(12 * 3600)))
SESSION_COOKIE_AGE = ADMIN_SESSION_MAX_SECONDS
AXES_VERBOSE = False

# How long an anonymous public page stays cached (0 turns the page cache off). Any content change
# empties it at once (core/cache.py), so this only bounds how stale view counts may look.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Pages showing their view count (zones, actions, EU projects) are cached only this long: each
# request still counts, the number shown may lag by this much.
COUNTED_PAGE_CACHE_SECONDS = int(os.environ.get("COUNTED_PAGE_CACHE_SECONDS", "10"))
# View and download counts are added up in each process and written at most this often, in one
# batch (core/counters.py): a cached page then costs no write. 0 writes each at once.
COUNTER_FLUSH_SECONDS = float(os.environ.get("COUNTER_FLUSH_SECONDS", "5"))
# How often each process re-reads the content version from the database (see cache.py).
CONTENT_VERSION_CHECK_SECONDS = float(os.environ.get("CONTENT_VERSION_CHECK_SECONDS", "1"))
# Costly figures (key figures, yearly totals) kept until the next content change (0: never kept).
FIGURES_CACHE_SECONDS = int(os.environ.get("FIGURES_CACHE_SECONDS", str(24 * 3600)))

# Public forms: submissions allowed per client address (django-ratelimit, counted in the cache).
FORM_RATE_LIMIT = os.environ.get("FORM_RATE_LIMIT", "5/m")

# Days personal data (registrations, closed support requests) is kept; see purge_personal_data.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", "365"))
# Hours a visitor has to follow the link that confirms their e-mail address (a training
# registration's, never past the last day of registrations). Until then a registration holds no
# place and a support request reaches no one; past that time they are deleted.
CONFIRMATION_LINK_HOURS = int(os.environ.get("CONFIRMATION_LINK_HOURS", "24"))

# Largest file staff may upload to the CRESI resource library, in bytes (20 MB by default).
CRESI_MAX_UPLOAD_SIZE = int(os.environ.get("CRESI_MAX_UPLOAD_SIZE", str(20 * 1024 * 1024)))

RATELIMIT_USE_CACHE = "limits"
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"
RATELIMIT_IPV6_MASK = 64

# The mission Europe's mailbox: it is told of every support request.
EUROPE_MISSION_EMAIL = os.environ.get("EUROPE_MISSION_EMAIL", "mission.europe@essonne.fr")

# The portal's public address (scheme and host, e.g. https://international.essonne.fr): emails
# are sent outside any web request, so their links are built from it. In production it defaults
# to the first allowed host, over HTTPS.
SITE_URL = os.environ.get(
    "SITE_URL",
    f"https://{ALLOWED_HOSTS[0]}" if PRODUCTION and ALLOWED_HOSTS else "http://127.0.0.1:8000",
).rstrip("/")

# The body that publishes this portal (also the SCDL « attribuant »).
SITE_NAME = _("L'Essonne à l'international")
PUBLISHER_NAME = "Département de l'Essonne"
# SIREN 229 100 011 (a département's SIREN is 22 + its number + 0001 + Luhn key); the default
# establishment number is the first with a valid key: confirm it in the SIRENE directory.
PUBLISHER_SIRET = os.environ.get("PUBLISHER_SIRET", "22910001100019")
# The director of publication the legal notice names (law of 21 June 2004, art. 6): the
# president of the conseil départemental, by name and title (« Prénom Nom, président du conseil
# départemental de l'Essonne »). `manage.py check --deploy` warns when unset.
PUBLICATION_DIRECTOR = os.environ.get("PUBLICATION_DIRECTOR", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own console handler would print each of its messages a second time.
        "django": {"handlers": [], "propagate": True},
        "django.db.backends": {"level": "INFO", "propagate": True},
    },
}

# Open data (opendata/, api/). The IATI identifier of the reporting organisation: on
# org-id.guide a French establishment is registered by its SIRET under FR-RCS (FR-INSEE is
# withdrawn in its favour); IATI organisation type 11 is « Local Government ».
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", f"FR-RCS-{PUBLISHER_SIRET}")
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "11")
# Requests per client to the JSON API, beyond the answers the page cache serves.
API_THROTTLE_RATE = os.environ.get("API_THROTTLE_RATE", "120/minute")
# Django REST framework and drf-spectacular are used as libraries, not installed as apps: an
# installed app's translations take precedence over Django's own, and theirs would reword the
# site's form errors (« Saisissez une adresse e-mail valide. »). They need no model, template
# or static file here (JSON only; the documentation page is the portal's own).
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API du portail « L'Essonne à l'international »",
    "DESCRIPTION": "Données publiques en lecture seule, sous Licence Ouverte 2.0.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
}
