"""Show each signed-in person the portal in their own language and time zone."""

import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts import security
from accounts.permissions import holds_staff_role


class UserPreferencesMiddleware:
    """After authentication: a signed-in user's saved language wins over the browser's, and
    dates are shown in their time zone (anonymous visitors see UTC, named as such)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = translation.get_language()
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone or "UTC"))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class StaffSessionMiddleware:
    """The rules for coordinators', supervisors' and administrators' sessions, on every
    entrance (the portal, /admin/, account pages):

    - the session ends after STAFF_SESSION_IDLE_TIMEOUT without a request and
      STAFF_SESSION_MAX_AGE after sign-in;
    - a person who has an authenticator is signed in only once THIS session used it (a
      password-only session, from whatever login view, is signed out);
    - with MFA_REQUIRED_FOR_STAFF, a person without one is sent to set it up; account pages,
      sign-out and the language switch stay reachable until then.
    Ended sessions land on the sign-in page with a message saying why."""

    SETUP_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not holds_staff_role(user):
            return self.get_response(request)
        lapse = security.staff_session_lapse(request)
        if lapse:
            return _sign_out(request, lapse)
        if security.session_used_second_factor(request):
            return self.get_response(request)
        if security.has_authenticator(user):
            return _sign_out(
                request, _("Sign in with your password and your authenticator app to go on.")
            )
        if settings.MFA_REQUIRED_FOR_STAFF and not request.path.startswith(
            self.SETUP_ALLOWED_PREFIXES
        ):
            messages.info(
                request,
                _(
                    "Your role needs two-factor authentication. Set up an authenticator app to go on."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _sign_out(request: HttpRequest, reason: str) -> HttpResponse:
    """End the session and send the person to the sign-in page, coming back here after."""
    next_path = request.get_full_path() if request.method == "GET" else request.path
    logout(request)
    messages.info(request, reason)
    response = redirect_to_login(next_path)
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(response["Location"])
    return response
