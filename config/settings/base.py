"""Settings shared by every environment.

Secure by default: DEBUG is off, there is no secret key unless one is given, and every
integration (Redis, Stripe, Resend, WhatsApp, OAuth) stays off until its variable is set.
dev.py and test.py relax what they must; production.py insists on the rest.
"""

from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings are the base we override)

from config.caches import cache_settings
from config.env import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

# --- Applications -------------------------------------------------------------------------
# Oscar is the ledger and the staff back office; its apps come as they are, but for two forks
# (same labels) that change something (docs/architecture.md, "Oscar as the ledger"):
# order (invalid orders never counted, an order creator that refuses) and partner (a pricing
# strategy that sells nothing). Oscar finds their classes with get_class, by app label.
OSCAR_FORKS = {
    "oscar.apps.partner.apps.PartnerConfig": "commerce.partner.apps.PartnerConfig",
    "oscar.apps.order.apps.OrderConfig": "commerce.order.apps.OrderConfig",
}
# The partner fork changes no model: its migrations are Oscar's own, so an Oscar upgrade
# brings them (a copied folder would miss them). Order has its own (0022, 0023).
MIGRATION_MODULES = {"partner": "oscar.apps.partner.migrations"}
_DJANGO_CONTRIB = [
    "config.apps.PlatformAdminConfig",  # django.contrib.admin, Oscar read-only (admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "csp",
]


def _oscar_apps() -> list[str]:
    from oscar import INSTALLED_APPS as OSCAR_APPS

    return [OSCAR_FORKS.get(app, app) for app in OSCAR_APPS if not app.startswith("django.")]


INSTALLED_APPS = [
    # Ours first, so our templates win over the libraries'.
    "community.accounts",
    "community.notifications",
    "community.connections",
    "community.forums",
    "community.messaging",
    "cms.home",
    "cms.events",
    "cms.blog",
    "cms.docs",
    "cms.resources",
    "search",
    "commerce.ticketing",
    "demo",  # seed_demo: above every app (docs/architecture.md, Dependencies)
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "community.accounts.wagtail_apps.WagtailUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "wagtail_headless_preview",
    "modelcluster",
    "taggit",
    # Oscar
    *_oscar_apps(),
    "sorl.thumbnail",
    # Auth
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.headless",
    # API and tasks
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    *_DJANGO_CONTRIB,
    "cms.apps.CmsConfig",  # after Wagtail's apps: see its docstring
    "config.apps.PlatformConfig",  # after django.contrib.sites: see its docstring
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.RejectNullCharactersMiddleware",
    # a rush for seats that are gone is answered here (commerce/ticketing/soldout.py)
    "commerce.ticketing.soldout.SoldOutMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # the admin speaks the member's language (their profile's), Spanish by default
    "community.accounts.middleware.AdminLanguageMiddleware",
    "config.middleware.LockTimeoutMiddleware",
    "config.middleware.RejectTooDeepJSONMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "community.accounts.middleware.OnboardingMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "config.middleware.FlatpageFallbackMiddleware",
    "config.middleware.RedirectMiddleware",
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
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "community.notifications.context_processors.unread_notifications",
                "community.messaging.context_processors.unread_messages",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No statement waits longer than this for a row lock (an event's seat inventory under a rush
# of buyers, an order a webhook is updating): the caller answers "busy, try again" (503).
# Set once per connection, so the hot paths pay no extra statement for it.
DB_LOCK_TIMEOUT_MS = env.int("DB_LOCK_TIMEOUT_MS", default=3000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c lock_timeout={DB_LOCK_TIMEOUT_MS}"
    _options["options"] = _options["options"].strip()
    # Parameters bound by the server, so that psycopg prepares a statement once it has run
    # five times on a connection: PostgreSQL then parses and plans it once, not per request
    # (its CPU per seat hold 1.1 → 0.5 ms, per order 3.0 → 1.5 ms; docs/performance.md).
    # Off behind a pooler in transaction mode that cannot keep prepared statements
    # (PgBouncer before 1.21, or without max_prepared_statements).
    if env.bool("DB_PREPARED_STATEMENTS", default=True):
        _options.setdefault("server_side_binding", True)
        _options.setdefault("prepare_threshold", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web + task worker) share the file: wait for locks, don't fail.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
# Login lockouts, allauth's rate limits and the API's counters never share a store with the
# page cache that anonymous requests fill (config/caches.py). Their Redis must not evict:
# maxmemory-policy noeviction; SECURITY_REDIS_URL gives them their own.
CACHES = cache_settings(
    REDIS_URL,
    key_prefix=env("CACHE_KEY_PREFIX", default="mai"),
    security_redis_url=env("SECURITY_REDIS_URL", default=""),
)
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Background tasks (django-q2) -----------------------------------------------------------
# The ORM broker is the default: a task that was running when a worker died is retried, so
# money, tickets and messages are never lost. The Redis broker (Q_BROKER=redis) drops such
# tasks and is only for light work.
Q_BROKER = env("Q_BROKER", default="orm")
Q_CLUSTER = {
    "name": "medellin_ai",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 5,
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
    "label": _("Background tasks"),
}
if Q_BROKER == "redis" and REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Auth ---------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "members:dashboard"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "community.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Sign-up reveals nothing about which addresses have accounts, in every environment: a known
# address gets the same "confirm your email" answer (site and headless alike) and its owner
# an email instead. allauth can hide that only while verification is mandatory; with it
# optional, a sign-up for a known address fails with "email_taken".
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True  # the "magic link": a one-time code sent by email
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Medellín AI] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Login throttling: 5 failures per account in 15 minutes locks it; 20 per minute per IP.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("RATE_LIMIT_LOGIN_FAILED", default="20/m/ip,5/15m/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "request_login_code": "20/m/ip,3/m/key",
}
SOCIALACCOUNT_ADAPTER = "community.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False

# OAuth providers switch on when their keys are present.
SOCIALACCOUNT_PROVIDERS: dict = {}
if env("GOOGLE_CLIENT_ID", default=""):
    INSTALLED_APPS.append("allauth.socialaccount.providers.google")
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": env("GOOGLE_CLIENT_ID"), "secret": env("GOOGLE_CLIENT_SECRET")}],
        "SCOPE": ["profile", "email"],
    }
if env("GITHUB_CLIENT_ID", default=""):
    INSTALLED_APPS.append("allauth.socialaccount.providers.github")
    SOCIALACCOUNT_PROVIDERS["github"] = {
        "APPS": [{"client_id": env("GITHUB_CLIENT_ID"), "secret": env("GITHUB_CLIENT_SECRET")}],
        "SCOPE": ["user:email"],
    }
if env("LINKEDIN_CLIENT_ID", default=""):
    # LinkedIn's "Sign In with LinkedIn using OpenID Connect".
    INSTALLED_APPS.append("allauth.socialaccount.providers.openid_connect")
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "linkedin",
                "name": "LinkedIn",
                "client_id": env("LINKEDIN_CLIENT_ID"),
                "secret": env("LINKEDIN_CLIENT_SECRET"),
                "settings": {
                    "server_url": env(
                        "LINKEDIN_SERVER_URL", default="https://www.linkedin.com/oauth"
                    ),
                },
            }
        ]
    }

# Headless (API-first frontends): browser clients use the session, app clients a token.
HEADLESS_ONLY = False
HEADLESS_SERVE_SPECIFICATION = True
FRONTEND_URL = env("FRONTEND_URL", default="").rstrip("/")
if FRONTEND_URL:
    HEADLESS_FRONTEND_URLS = {
        "account_confirm_email": f"{FRONTEND_URL}/auth/verify-email/{{key}}",
        "account_reset_password_from_key": f"{FRONTEND_URL}/auth/reset-password/{{key}}",
        "account_signup": f"{FRONTEND_URL}/auth/register",
    }

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Uploads are served by Django everywhere: it decides who may open each file (files of drafts,
# private pages and members-only resources are not public; cms/media.py). A proxy in
# front passes /media/ to the app, never to MEDIA_ROOT on disk.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Medellín AI"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Django (never a direct storage URL) so that the before_serve_document
# hook can refuse files of members-only resources (cms/resources/wagtail_hooks.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Secret for hashing visitors' IP addresses in the resource access log (SECRET_KEY if unset).
RESOURCE_ACCESS_IP_SALT = env("RESOURCE_ACCESS_IP_SALT", default="")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_PASSWORD_RESET_ENABLED = False  # members reset passwords through allauth
# No Gravatar: it would send staff email hashes to a third party. The admin shows the
# member's profile photo (community/accounts/wagtail_hooks.py), else Wagtail's default.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.AltTextRequiredImageForm"
# Refused before decoding: a few KB of PNG can declare 90 megapixels (half a GB to process).
# 40 MP is more than a phone camera's default photo; avatars follow the same limit.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The "Headless frontend" preview mode (cms/preview.py) exists only when FRONTEND_URL is set;
# the preview pane then follows a redirect to the frontend, which reads the draft from
# /api/v2/page_preview/.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": FRONTEND_URL or SITE_URL},
    "REDIRECT_ON_PREVIEW": True,
}

# --- Oscar --------------------------------------------------------------------------------
OSCAR_SHOP_NAME = "Medellín AI"
OSCAR_DEFAULT_CURRENCY = "COP"
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Medellín AI <hola@medellin.ai>")
OSCAR_HOMEPAGE = "/"  # Oscar's storefront is closed (commerce/shop_urls.py)
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "country")
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
THUMBNAIL_DEBUG = False

# --- API ----------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "config.api.authentication.SessionTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    # Ordering and filters are declared per endpoint; anything else is a 400 (filters.py)
    "DEFAULT_FILTER_BACKENDS": [
        "config.api.filters.DeclaredFilterBackend",
        "config.api.filters.DeclaredOrderingFilter",
    ],
    "DEFAULT_VERSIONING_CLASS": "config.api.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "config.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "config.api.throttling.AnonRateThrottle",
        "config.api.throttling.UserRateThrottle",
    ],
    # Per client IP (anonymous) or user; a headless frontend rendering on a server shares
    # one IP, so give it a token or raise API_THROTTLE_ANON.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="300/min"),
        "user": env("API_THROTTLE_USER", default="1200/min"),
        # ScopedRateThrottle scopes (per user, or per IP for anonymous callers)
        "holds": env("API_THROTTLE_HOLDS", default="30/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Medellín AI Platform API",
    "DESCRIPTION": (
        "The platform's own API. Content pages, images and documents are served by the "
        "Wagtail API at /api/v2/; authentication flows by allauth's headless API at "
        "/_allauth/ (its specification: /_allauth/openapi.html). Errors share one shape: "
        '{"error": {"code": "…", "message": "…", "fields": {…}}}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]",
    # Only our API: Wagtail's and wagtail-localize's internal DRF views stay out.
    "SERVE_URLCONF": "config.api.schema_urls",
    # Its deploy check would walk every URL (Wagtail's too); tests validate our schema
    # with warnings as failures instead (tests/config/test_api.py).
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999},
    },
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "community.accounts.roles.Role.choices",
        "ForumReportReasonEnum": "community.forums.models.ForumReportReason.choices",
        "MessageReportReasonEnum": "community.messaging.models.MessageReportReason.choices",
        # keeps the name it had before other "status" enums existed
        "StatusEnum": "community.messaging.models.MessageReport.Status",
        "EventStatusEnum": "cms.events.models.EventStatus.choices",
        "EventSubmissionStatusEnum": "cms.events.models.SubmissionStatus.choices",
        "EventAreaEnum": "cms.events.models.Area.choices",
        "TicketCategoryEnum": "commerce.ticketing.models.TicketCategory.choices",
        "TicketVisibilityEnum": "commerce.ticketing.models.TicketVisibility.choices",
        "SeatHoldStatusEnum": "commerce.ticketing.models.HoldStatus.choices",
        "OrderStatusEnum": "commerce.ticketing.models.OrderStatus.choices",
        "TicketStatusEnum": "commerce.ticketing.models.TicketStatus.choices",
        "PaymentStatusEnum": "commerce.ticketing.models.PaymentStatus.choices",
        "RefundStatusEnum": "commerce.ticketing.models.RefundStatus.choices",
        "WaitlistStatusEnum": "commerce.ticketing.models.WaitlistStatus.choices",
        "PriceStepKindEnum": "commerce.ticketing.models.StepKind.choices",
        "AttendeeQuestionKindEnum": "cms.events.models.RequirementKind.choices",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Direct messages ----------------------------------------------------------------------
# Anti-spam limits per sender, counted from the database by the service (site and API alike).
MESSAGES_PER_MINUTE = env.int("MESSAGES_PER_MINUTE", default=10)
MESSAGES_NEW_CONVERSATIONS_PER_DAY = env.int("MESSAGES_NEW_CONVERSATIONS_PER_DAY", default=20)

# --- Email --------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Medellín AI <hola@medellin.ai>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
RESEND_API_KEY = env("RESEND_API_KEY", default="")
if RESEND_API_KEY:
    EMAIL_BACKEND = "anymail.backends.resend.EmailBackend"
    ANYMAIL = {
        "RESEND_API_KEY": RESEND_API_KEY,
        "RESEND_API_URL": env("RESEND_API_URL", default="https://api.resend.com/"),
        "RESEND_SIGNING_SECRET": env("RESEND_SIGNING_SECRET", default=None),
    }
else:
    _email = env.email_url("EMAIL_URL", default="consolemail://")
    vars().update(_email)

# --- Payments (Stripe; localstripe in dev and tests) -----------------------------------------
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="https://api.stripe.com")
STRIPE_JS_URL = env("STRIPE_JS_URL", default="https://js.stripe.com/v3/")
# Development with localstripe only: a test-card form instead of Stripe.js (never in production)
STRIPE_TEST_CARDS = env.bool("STRIPE_TEST_CARDS", default=False)
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
STRIPE_TIMEOUT_SECONDS = env.float("STRIPE_TIMEOUT_SECONDS", default=8)
# Ticketing: how long a seat hold lasts, how long a waitlist offer lasts (lock timeout:
# DB_LOCK_TIMEOUT_MS above)
TICKETING_HOLD_MINUTES = env.int("TICKETING_HOLD_MINUTES", default=15)
TICKETING_WAITLIST_OFFER_HOURS = env.int("TICKETING_WAITLIST_OFFER_HOURS", default=24)
# How long a ticket type found sold out is answered "sold out" before the request stack
# (0: never), per server process; freeing seats clears it sooner (ticketing/soldout.py).
TICKETING_SOLD_OUT_SECONDS = env.float("TICKETING_SOLD_OUT_SECONDS", default=1.0)

# --- WhatsApp Cloud API -------------------------------------------------------------------
# The notification channel is on only when both the token and the phone number id are set
# (community.notifications.channels.WhatsAppChannel.configured).
WHATSAPP_API_BASE_URL = env("WHATSAPP_API_BASE_URL", default="https://graph.facebook.com")
WHATSAPP_API_VERSION = env("WHATSAPP_API_VERSION", default="v21.0")
WHATSAPP_ACCESS_TOKEN = env("WHATSAPP_ACCESS_TOKEN", default="")
WHATSAPP_PHONE_NUMBER_ID = env("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_TIMEOUT = env.float("WHATSAPP_TIMEOUT", default=10.0)
WHATSAPP_APP_SECRET = env("WHATSAPP_APP_SECRET", default="")
WHATSAPP_VERIFY_TOKEN = env("WHATSAPP_VERIFY_TOKEN", default="")

# --- Security (secure by default; dev relaxes) ---------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames our own pages
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Whose address a rate limit counts: the connection's, or behind our proxy the one it
# appended to X-Forwarded-For. Never a header the client wrote (a new one per request
# would be a new client each time).
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if BEHIND_PROXY else 0
REST_FRAMEWORK["NUM_PROXIES"] = ALLAUTH_TRUSTED_PROXY_COUNT

# Content-Security-Policy (django-csp): strict on the public site; the back-office UIs get
# 'unsafe-inline' for scripts and styles (config.middleware.CSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "https:"],
        "frame-src": [
            "'self'",
            "https://www.youtube-nocookie.com",
            "https://www.youtube.com",
            "https://player.vimeo.com",
        ],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # OAuth sign-in posts to us, then redirects to the provider.
        "form-action": [
            "'self'",
            "https://accounts.google.com",
            "https://github.com",
            "https://www.linkedin.com",
        ],
        "frame-ancestors": ["'self'"],
    }
}
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(self)"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# --- Page cache ---------------------------------------------------------------------------
# Anonymous views of Wagtail pages are cached whole (cms/cache.py); 0 turns the cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# At most this many new copies (pages and API answers) are stored per PAGE_CACHE_SECONDS,
# whatever URLs anonymous clients invent; past it, answers are served uncached.
PAGE_CACHE_MAX_NEW = env.int("PAGE_CACHE_MAX_NEW", default=1000)

# --- Forums -----------------------------------------------------------------------------
# A new member's first N posts wait for a moderator (0 turns holding off).
FORUM_HOLD_FIRST_POSTS = env.int("FORUM_HOLD_FIRST_POSTS", default=1)
FORUM_POSTS_PER_MINUTE = env.int("FORUM_POSTS_PER_MINUTE", default=5)
FORUM_TOPICS_PER_DAY = env.int("FORUM_TOPICS_PER_DAY", default=10)

# --- Blog -------------------------------------------------------------------------------
# Comments wait for a moderator; a member may write at most N a minute (site and API alike).
BLOG_COMMENTS_PER_MINUTE = env.int("BLOG_COMMENTS_PER_MINUTE", default=3)
