"""Send a member who has not finished onboarding to /dashboard/welcome/, once per session;
let Wagtail's admin speak each staff member's language."""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.http import urlencode

from .selectors import member_language

ONBOARDING_DUE = "onboarding_due"  # session key, set at login by signals.py

# Never redirected: sign-in and account pages, APIs, admin, files, and onboarding itself.
_LANGUAGE = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
EXEMPT = re.compile(
    rf"^/(?:(?:{_LANGUAGE})/)?(?:auth|dashboard/welcome|notifications/unsubscribe)/"
    r"|^/(?:api|_allauth|admin|django-admin|static|media|documents|health|i18n)/"
)


class OnboardingMiddleware:
    """After an allauth login, the session carries ONBOARDING_DUE if the member has not
    finished onboarding. The next ordinary page view (GET, not exempt) consumes it and is
    redirected to the onboarding flow, with the page asked for as `next`. Nothing is read
    from the database here, so other requests cost nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if (
            session is not None
            and request.method == "GET"
            and not EXEMPT.match(request.path_info)
            and not request.headers.get("x-requested-with")
            and session.get(ONBOARDING_DUE)
            and request.user.is_authenticated
        ):
            del session[ONBOARDING_DUE]
            return redirect(
                f"{reverse('members:welcome')}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)


class AdminLanguageMiddleware:
    """Wagtail's admin speaks the signed-in member's language: the one they chose for the
    platform (their profile, Spanish unless they changed it), not the browser's.

    Wagtail renders each admin view in `UserProfile.preferred_language` when the person
    chose one in the admin's account settings, and otherwise in the active language: this
    sets that active language, so an explicit choice in Wagtail still wins and the profile
    stays the one place the platform keeps a member's language. Runs after authentication;
    outside the admin, and for visitors not signed in, the locale middleware's choice
    stands (the admin's sign-in page follows the browser)."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def prefix(self) -> str | None:
        try:
            return reverse("wagtailadmin_home")  # on the first request: the URLconf is loaded
        except NoReverseMatch:  # a URLconf without the admin (a test's planted one)
            return None

    def __call__(self, request):
        prefix = self.prefix
        if prefix and request.path_info.startswith(prefix) and request.user.is_authenticated:
            translation.activate(member_language(request.user))
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
