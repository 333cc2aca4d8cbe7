"""Grassroots settings: one file, read from the environment (healthchecks-style).

Every variable is documented in `.env.example` and the README. Secrets may be given directly
(`SECRET_KEY`) or as a path (`SECRET_KEY_FILE`). Without any configuration the project runs on a
SQLite file in `var/`, with secrets generated once into `var/` (development only).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name: str, *, generate_into: str | None = None) -> str:
    """A secret from NAME, from the file named by NAME_FILE, or (development) a generated file."""
    if os.environ.get(name):
        return os.environ[name]
    if os.environ.get(f"{name}_FILE"):
        return Path(os.environ[f"{name}_FILE"]).read_text().strip()
    if generate_into is None:
        raise ImproperlyConfigured(f"{name} or {name}_FILE must be set")
    path = VAR_DIR / generate_into
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


FIELD_KEY_MIN_BYTES = 32


def field_encryption_key(value: str) -> str:
    """FIELD_ENCRYPTION_KEY must be a real key: at least 32 random bytes, written as 64 or more hex
    digits or as base64 (standard or URL-safe, `=` padding optional), e.g. the output of
    `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`. A passphrase, a placeholder or a
    truncated copy is refused at start, before any ID number is encrypted with it.

    The value is returned unchanged: people.crypto derives its two keys from the text itself, so
    numbers stored under an existing valid key stay readable.
    """
    text = value.strip()
    if re.fullmatch(r"[0-9a-fA-F]+", text):
        # Only hex digits: read as hex (a random base64 key is never made of hex digits alone).
        raw = bytes.fromhex(text) if len(text) % 2 == 0 else b""
    elif re.fullmatch(r"[A-Za-z0-9+/_-]+={0,2}", text):
        try:
            raw = base64.urlsafe_b64decode(
                text.replace("+", "-").replace("/", "_").rstrip("=") + "=" * (-len(text.rstrip("=")) % 4)
            )
        except (binascii.Error, ValueError):
            raw = b""
    else:
        raw = b""
    if len(raw) < FIELD_KEY_MIN_BYTES:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be at least 32 random bytes written as base64 (43 or more characters) "
            "or as hex (64 or more digits); generate one with: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return value


DEBUG = env_bool("DEBUG", False)
PRODUCTION = env_bool("PRODUCTION", False)

# In production every secret must come from the environment or a secrets file.
SECRET_KEY = env_secret("SECRET_KEY", generate_into=None if PRODUCTION else "secret_key")
# Key for the national ID number: encryption and the keyed look-up hash. It lives outside the
# database (PDP law, Law 91/2025/QH15): losing it makes stored numbers unreadable.
FIELD_ENCRYPTION_KEY = field_encryption_key(
    env_secret("FIELD_ENCRYPTION_KEY", generate_into=None if PRODUCTION else "field_encryption_key")
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_NAME = os.environ.get("SITE_NAME", "Grassroots")
# The address of the site in links sent by e-mail and SMS (notifications), without a trailing slash.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "grassroots.core",
    "grassroots.library",
    "grassroots.territory",
    "grassroots.accounts",
    "grassroots.people",
    "grassroots.decisions",
    "grassroots.training",
    "grassroots.disclosure",
    # Built on community decisions (their meetings, ballots, thresholds and recognition):
    "grassroots.elections",
    "grassroots.conventions",
    "grassroots.annual_conferences",
    "grassroots.service_ratings",
    "grassroots.dialogues",
    "grassroots.inspection",
    "grassroots.opinion_maps",
    "grassroots.petitions",
    "grassroots.investment_supervision",
    "grassroots.consultations",
    "grassroots.situation_reports",
    "grassroots.reporting",
    "grassroots.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Every role above household representative needs a second factor (TOTP) for any non-public page.
    "grassroots.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # A NUL byte or a lone surrogate in any input is a 400 naming the field, not a 500 from PostgreSQL.
    "grassroots.core.middleware.RejectInvalidCharactersMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "grassroots.core.context_processors.site",
                "grassroots.portal.context_processors.navigation",
                "grassroots.reporting.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# Database: SQLite file by default, DATABASE_URL for anything else (postgres://…, sqlite:///PATH).
DEFAULT_SQLITE = VAR_DIR / "db.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 0))}
# PostgreSQL: the peak path's reads (core.prepared) run as statements the server keeps prepared for the
# connection. Set to 0 behind a pooler in transaction mode that does not keep them (docs/deploy.md).
PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if not os.environ.get("DATABASE_URL"):
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # BEGIN IMMEDIATE: writers queue instead of failing with "database is locked" mid-way.
        "transaction_mode": "IMMEDIATE",
        # WAL lets readers run beside the writer; synchronous=FULL makes an acknowledged
        # commit (a vote, a receipt) survive a power cut or a crash. secure_delete: a deleted row (a
        # sealed ballot after the count, an anonymized name) is overwritten, not left in a free page.
        "init_command": (
            "PRAGMA journal_mode=WAL;PRAGMA synchronous=FULL;PRAGMA busy_timeout=10000;PRAGMA foreign_keys=ON;"
            "PRAGMA secure_delete=ON;"
        ),
    }
    # Tests use a file in WAL mode like production, not Django's shared in-memory database, which
    # locks whole tables between threads (decisions/tests/test_concurrency.py). One file per test
    # process, so that runs side by side do not delete each other's database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out account before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # The per-address ceiling, for every login form (/login/ and /admin/login/ alike).
    "grassroots.accounts.backends.AddressCeilingBackend",
    "grassroots.accounts.backends.PhoneOrUsernameBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Passwords per OWASP ASVS 5.0 (V6.2): at least 8 characters (12 for staff is advised in the UI),
# up to 128 allowed, no composition rules, checked against a list of common/breached passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "grassroots.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Not a check: Django tells every validator when a password was saved, whatever saved it (the
    # account page, the admin, manage.py changepassword), and this one revokes the API tokens then.
    {"NAME": "grassroots.accounts.passwords.RevokeApiTokensOnChange"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
# Sessions end after 8 hours whatever happens, and at the latest when the browser closes;
# each user sees and can end their sessions, an administrator can revoke them (accounts.SignIn).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# i18n: Vietnamese by default and unprefixed, English under /en/, Russian under /ru/.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates in sentences read in words ("ngày 5 tháng 12 năm 2026"): config/formats/<language>/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

# The scheduled `audit_verify` checks the chain against the last line of this file and appends the head
# it verified (docs/architecture.md, "Audit anchors"). Keep it, and copies of it, where whoever can write
# to the database cannot; empty turns anchoring off.
AUDIT_ANCHOR_FILE = os.environ.get("AUDIT_ANCHOR_FILE", str(VAR_DIR / "audit-anchors.log"))
# Uploads (the household register import, people.imports): a bigger file is refused. Django keeps an
# upload in memory only up to FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB by default) and streams the rest to
# a temporary file, so the limit bounds disk, not memory; cap the request body at the reverse proxy
# too (nginx client_max_body_size), so that an oversized request is cut before Django reads it.
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 200)
# A running register import with no progress for this long is failed by `fail_stale_imports`.
IMPORT_STALE_MINUTES = env_int("IMPORT_STALE_MINUTES", 30)
# Work queued for longer than this without a worker picking it up means the worker is not running.
WORKER_LATE_SECONDS = env_int("WORKER_LATE_SECONDS", 120)

# Background work: Django's Tasks API, database backend (run `manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# E-mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "grassroots@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Text messages (grassroots.core.sms): the console backend only logs the masked number and the length.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "grassroots.core.sms.ConsoleBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Request URLs never carry personal data (see docs/privacy.md), so request logs are safe.
}

NINJA_PAGINATION_PER_PAGE = 50

# Login throttling (django-axes): five wrong passwords in a row are answered as such; the 6th, and
# every attempt after it, is refused for
# AXES_COOLOFF_TIME, whatever address it comes from; a per-address ceiling stops spraying across
# accounts (accounts.backends.AddressCeilingBackend, so every login form obeys it). The same
# message whether the account exists or not.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 6)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
# An attempt refused while locked out (the account, or the address over its ceiling) is not counted
# again: otherwise every try from a throttled address would count against the account typed, and
# one address could lock any number of accounts. The cool-off runs from the failure that locked.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are kept by accounts.SignIn, which users can see
AXES_USERNAME_CALLABLE = "grassroots.accounts.throttle.axes_username"
AXES_CLIENT_IP_CALLABLE = "grassroots.accounts.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "grassroots.accounts.throttle.lockout_response"
AXES_VERBOSE = False
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50)
# axes.W006 asks for per-address lockout at the per-account limit. Mobile carriers put thousands of
# residents behind one address (CGNAT), so the per-address ceiling is separate and higher.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
# Number of reverse proxies in front of the app whose X-Forwarded-For can be trusted (0: none).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

# API tokens (accounts.tokens) expire this many days after they are made.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
if API_TOKEN_DAYS < 1:
    raise ImproperlyConfigured(f"API_TOKEN_DAYS must be at least 1, not {API_TOKEN_DAYS}")

# One-time codes to sign in for the first time or reset a password (accounts.codes): valid this long
# when sent by text message, and when printed on a letter the village head hands over.
LOGIN_CODE_SMS_MINUTES = env_int("LOGIN_CODE_SMS_MINUTES", 15)
LOGIN_CODE_LETTER_DAYS = env_int("LOGIN_CODE_LETTER_DAYS", 14)
# Wrong tries before a code stops working; codes sent per phone number, and requests and tries per
# address, within an hour (the same limits whether or not the number has an account).
LOGIN_CODE_MAX_ATTEMPTS = env_int("LOGIN_CODE_MAX_ATTEMPTS", 5)
LOGIN_CODE_SENDS_PER_PHONE = env_int("LOGIN_CODE_SENDS_PER_PHONE", 3)
LOGIN_CODE_REQUESTS_PER_ADDRESS = env_int("LOGIN_CODE_REQUESTS_PER_ADDRESS", 30)
for _name in (
    "LOGIN_CODE_SMS_MINUTES",
    "LOGIN_CODE_LETTER_DAYS",
    "LOGIN_CODE_MAX_ATTEMPTS",
    "LOGIN_CODE_SENDS_PER_PHONE",
):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {globals()[_name]}")

# Two-factor authentication (django-otp): issuer shown in authenticator apps.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Grassroots")
OTP_TOTP_THROTTLE_FACTOR = 1

# Content security policy (django-csp): no inline script anywhere, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("PRODUCTION and DEBUG cannot both be on")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
