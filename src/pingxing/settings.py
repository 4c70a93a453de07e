"""The one settings module of Pingxing, read from the environment.

Defaults give the embedded demo: SQLite under ./var (PINGXING_DATA_DIR).
Production sets PINGXING_ENV=production, DATABASE_URL=postgres://…,
PINGXING_SECRET_KEY, PINGXING_FIELD_KEY and PINGXING_ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("PINGXING_DATA_DIR", "var")).resolve()
ENV = os.environ.get("PINGXING_ENV", "development")  # development | production
PRODUCTION = ENV == "production"
DEBUG = os.environ.get("PINGXING_DEBUG", "0") == "1"
# The demo relaxes only what a demo must: 2FA for staff, so the printed logins work.
DEMO = os.environ.get("PINGXING_DEMO", "0") == "1"


def _secret(name: str, file_name: str) -> str:
    """A secret from the environment; outside production, one kept in DATA_DIR."""
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION:
        raise RuntimeError(f"{name} must be set in production")
    path = DATA_DIR / file_name
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret("PINGXING_SECRET_KEY", ".secret_key")
SECRET_KEY_FALLBACKS = [k for k in os.environ.get("PINGXING_SECRET_KEY_FALLBACKS", "").split(",") if k]
# Key material of field-level encryption (ID numbers, phones, addresses) and of the
# audit chain's HMAC. Losing it makes the encrypted columns unreadable: back it up.
SALT_KEY = _secret("PINGXING_FIELD_KEY", ".field_key")
AUDIT_CHAIN_KEY = _secret("PINGXING_AUDIT_KEY", ".audit_key")

ALLOWED_HOSTS = [h for h in os.environ.get("PINGXING_ALLOWED_HOSTS", "").split(",") if h] or (
    [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("PINGXING_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "ninja",  # the API docs' own Swagger UI files, served from here (no CDN)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "pingxing.core",
    "pingxing.accounts",
    "pingxing.orgs",
    "pingxing.members",
    "pingxing.audit",
    "pingxing.ratings",
    "pingxing.evaluations",
    "pingxing.pledges",
    "pingxing.points",
    "pingxing.posts",
    "pingxing.cadres",
    "pingxing.training",
    "pingxing.grid",
    "pingxing.cobuilding",
    "pingxing.stations",
    "pingxing.volunteers",
    "pingxing.carefund",
    "pingxing.plans",
    "pingxing.publicity",
    "pingxing.fivegood",
]

MIDDLEWARE = [
    # First: entries written by any later middleware or view carry the client address.
    "pingxing.audit.middleware.AuditRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "pingxing.accounts.middleware.IdleTimeoutMiddleware",
    "pingxing.accounts.middleware.StaffTwoFactorMiddleware",
    "pingxing.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pingxing.urls"
WSGI_APPLICATION = "pingxing.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pingxing.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'pingxing.sqlite3'}"),
        conn_max_age=int(os.environ.get("PINGXING_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords: 等保2.0 三级 / ASVS L2 — length 12..128 (or 8+ Chinese characters), three of four
# classes unless a passphrase, nothing common, and a strength estimate of 10^12 guesses or more.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "pingxing.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "pingxing.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "pingxing.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "pingxing.accounts.passwords.StrengthValidator", "OPTIONS": {"min_guesses_log10": 12}},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout: the 6th failure within 15 minutes for one username and IP is refused. Across
# addresses a username gets a growing delay instead (accounts.throttle, from axes' failure log).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "pingxing.accounts.views.locked_out"  # the page says when to retry
# The same client address as the audit trail (through trusted proxies, see PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "pingxing.core.clientip.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token", "id_number", "phone"]

# Sessions end after 30 minutes idle; the idle clock is enforced by our middleware too.
SESSION_IDLE_SECONDS = int(os.environ.get("PINGXING_SESSION_IDLE_SECONDS", "1800"))
# The session is saved when the idle middleware refreshes its last-seen time (at most once a
# minute), so the cookie outlives the idle limit by that minute and the server decides.
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS + 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
OTP_TOTP_ISSUER = "评星 Pingxing"
# Staff of the county office and the streets must pass TOTP; the demo waives it.
REQUIRE_STAFF_2FA = os.environ.get("PINGXING_REQUIRE_STAFF_2FA", "0" if DEMO else "1") == "1"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("PINGXING_MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production there is no collectstatic: serve from the finders, look up per request.
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Backups (`pingxing backup`): timestamped archives pingxing-YYYYmmddTHHMMSSZ.tar.gz in BACKUP_DIR,
# kept BACKUP_KEEP_DAYS days; `check --deploy` warns when the newest is older than BACKUP_MAX_AGE_HOURS.
BACKUP_DIR = Path(os.environ.get("PINGXING_BACKUP_DIR", DATA_DIR / "backups"))
BACKUP_KEEP_DAYS = int(os.environ.get("PINGXING_BACKUP_KEEP_DAYS", "30"))
BACKUP_MAX_AGE_HOURS = int(os.environ.get("PINGXING_BACKUP_MAX_AGE_HOURS", "36"))
# Audit checkpoints (`pingxing audit checkpoint`): the signed chain head, one file each, in a
# directory the database account cannot write (mount it append-only, or on another host).
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("PINGXING_AUDIT_CHECKPOINT_DIR", DATA_DIR / "audit-checkpoints"))

# Folders of a county's own result rules of the democratic evaluation (TOML, like evaluations/rules/).
EVALUATION_RULE_DIRS = [d for d in os.environ.get("PINGXING_EVALUATION_RULE_DIRS", "").split(os.pathsep) if d]
# Folders of a county's own star standards (TOML, like rubric/standards/), besides the installed ones.
RUBRIC_STANDARD_DIRS = [d for d in os.environ.get("PINGXING_STANDARD_DIRS", "").split(os.pathsep) if d]

# Organization upgrade thresholds (seed 四.2: 接近50人 → 党总支, 接近100人 → 党委).
UPGRADE_GENERAL_BRANCH_AT = int(os.environ.get("PINGXING_UPGRADE_GENERAL_BRANCH_AT", "45"))
UPGRADE_COMMITTEE_AT = int(os.environ.get("PINGXING_UPGRADE_COMMITTEE_AT", "90"))

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("PINGXING_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every response: our own vendored files only — no
# inline script or style, no eval, nothing from another host. data: for the preview images
# of documents and the QR code of the authenticator page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# How many reverse proxies (nginx …) stand in front of gunicorn: the visitor's address for
# audit entries and the public objection rate limit is read from X-Forwarded-For through them.
PROXY_COUNT = int(os.environ.get("PINGXING_PROXY_COUNT", "0"))
# Grid management: the Open311 jurisdiction this server answers for, and the satisfaction rate
# (%) the dashboards measure follow-ups against.
OPEN311_JURISDICTION = os.environ.get("PINGXING_OPEN311_JURISDICTION", "keqiao.shaoxing.example")
GRID_SATISFACTION_TARGET = int(os.environ.get("PINGXING_GRID_SATISFACTION_TARGET", "85"))

# Every handler redacts ID numbers, phones, passwords and voting codes — also the development
# server's request log (django.server) and, through pingxing serve, gunicorn's.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "pingxing.core.logredact.RedactSensitiveFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"], "formatter": "plain"},
        "server": {"class": "logging.StreamHandler", "filters": ["redact"], "formatter": "server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("PINGXING_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's defaults give these handlers of their own, without the filter: replace them.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}
