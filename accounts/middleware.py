"""Show each signed-in person the portal in their own language and time zone."""

import zoneinfo

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _


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


class RequireStaffMFAMiddleware:
    """Coordinators, supervisors and administrators must set up two-factor authentication
    before using the portal (when settings.MFA_REQUIRED_FOR_STAFF is on). Until they do,
    every page sends them to the set-up page; account pages, sign-out and the language switch
    stay reachable."""

    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and user.is_authenticated
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and (user.is_superuser or user.is_coordinator or user.is_supervisor)
            and not _has_mfa(user)
        ):
            messages.info(
                request,
                _(
                    "Your role needs two-factor authentication. Set up an authenticator app to go on."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
