"""Django settings, all from the environment (see config/env.py and README)."""
import os
from pathlib import Path

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ

PRODUCTION = env.is_production(ENV)
DEBUG = env.env_flag(ENV, "DJANGO_DEBUG", False)
if PRODUCTION and DEBUG:
    raise env.ConfigError("DJANGO_DEBUG must be off when DJANGO_ENV=production")
SECRET_KEY = env.secret_key(ENV, BASE_DIR, PRODUCTION)
ALLOWED_HOSTS = env.allowed_hosts(ENV, DEBUG)
DATABASES = {"default": env.database(ENV, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "import_export",
    "yearbook",
    "chronicle",
    "stats",
    "documents",
    "consistency",
    "manuscript",
    "edit_history",
    "editorial",
    "axes",
]

# The apps whose records make up an edition: their writes invalidate the page cache, editors' roles cover
# them, and re-importing an edition replaces their rows.
YEARBOOK_CONTENT_APPS = ["yearbook", "chronicle", "stats", "documents"]
# The apps whose permissions the editors' roles (编辑, 主编) hold: the content and the editorial office's tools.
YEARBOOK_ROLE_APPS = [*YEARBOOK_CONTENT_APPS, "consistency", "manuscript"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses anonymous pages, cached or not (never the admin's or a signed-in reader's: BREACH).
    "yearbook.middleware.PublicGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Serves anonymous GETs of public pages from the cache (see yearbook/pagecache.py).
    "yearbook.pagecache.PageCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "yearbook.middleware.DraftPreviewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "yearbook.middleware.ContentSecurityPolicyMiddleware",
    "yearbook.middleware.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: locks out repeated failed admin logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins for one user name from one address lock that pair out for an hour: the attacker's
# address, never the account (the chief editor still logs in from elsewhere).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_locked.html"
# The client's address behind DJANGO_PROXY_COUNT reverse proxies (README "Production"), read by django-ipware:
# each proxy appends the address it received from to X-Forwarded-For, so the client is the entry that many
# places from the right; whatever a client wrote there itself is further left and ignored. With no proxy only
# the connection's own address counts.
PROXY_COUNT = env.proxy_count(ENV, PRODUCTION)
AXES_IPWARE_PROXY_ORDER = "left-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if PROXY_COUNT else ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1 if PROXY_COUNT else None   # proxies listed after the client
IPWARE_STRICT = False   # a longer chain (the client's own X-Forwarded-For in front) is expected, not refused

ROOT_URLCONF = "config.urls"
CSRF_FAILURE_VIEW = "yearbook.responses.csrf_failure"
# Django's own admin strings its Chinese catalogue lacks (the app list's hidden table headers…).
LOCALE_PATHS = [BASE_DIR / "locale"]
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
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# DJANGO_PAGE_CACHE=0 turns the page cache off (the benchmark measures pages both ways).
PAGE_CACHE = env.env_flag(ENV, "DJANGO_PAGE_CACHE", True)
# Per process, bounded by entries and by bytes (DJANGO_PAGE_CACHE_MB, default 64): least recently used out first.
CACHES = {
    "default": {
        "BACKEND": "yearbook.pagecache.BoundedLocMemCache",
        "LOCATION": "yearbook-pages",
        "OPTIONS": {"MAX_ENTRIES": 3000, "MAX_BYTES": int(ENV.get("DJANGO_PAGE_CACHE_MB", "64")) * 1024 * 1024},
    }
}

# Spreadsheet imports (yearbook/uploads.py, yearbook/sheets.py): an upload past the size limit is not read
# further; files wait for their 确认导入 under a random token in IMPORT_TEMP_DIR (default: the system's
# temporary folder) and are deleted a day later if nobody confirms. IMPORT_LIMITS overrides yearbook.sheets.Limits.
FILE_UPLOAD_HANDLERS = [
    "yearbook.uploads.SizeCappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
IMPORT_TEMP_DIR = ENV.get("DJANGO_IMPORT_TEMP_DIR", "")
IMPORT_LIMITS: dict = {}

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with hashed names (collectstatic); tests swap in the plain storage.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# django-csp: the public pages load only their own CSS and JS (no inline script, no CDN, no web fonts); SVG
# charts are inline markup. The admin also gets 'unsafe-inline' styles (yearbook.middleware).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": {
    "default-src": ["'self'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
    "font-src": ["'self'"], "connect-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"],
    "form-action": ["'self'"], "frame-ancestors": ["'none'"],
}}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.env_flag(ENV, "DJANGO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(ENV.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = [o for o in ENV.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
