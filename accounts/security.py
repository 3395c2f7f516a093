"""Glue between the login form, django-axes' throttling and allauth's rate limits."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

# Session keys (epoch seconds). The session is flushed at sign-in and sign-out, so they
# always belong to the signed-in user.
SIGNED_IN_AT = "portal_signed_in_at"
LAST_SEEN_AT = "portal_last_seen_at"
AUTHENTICATOR_ADDED_AT = "portal_authenticator_added_at"
# Last activity is written at most once a minute, not on every request.
LAST_SEEN_RESOLUTION = 60


def login_attempt_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The account a login attempt is for: allauth authenticates with ``email=...``, its form
    posts ``login=...``. Lower-cased, so that case variations count against one account."""
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login")
    return value.strip().lower() if value else None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as allauth sees it (REMOTE_ADDR, or X-Forwarded-For behind
    ALLAUTH_TRUSTED_PROXY_COUNT proxies), so that axes' per-(account, address) lockout and
    allauth's per-address limit count the same address."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


def has_authenticator(user) -> bool:
    """The user has set up a second factor (an authenticator app or a security key)."""
    return is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def session_used_second_factor(request: HttpRequest) -> bool:
    """This session, not merely this account, proved a second factor: allauth records a
    code entered at sign-in (or re-authentication) in the session; setting up an
    authenticator, which needs a valid code, counts too."""
    if request.session.get(AUTHENTICATOR_ADDED_AT):
        return True
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def note_authenticator_added(request: HttpRequest) -> None:
    request.session[AUTHENTICATOR_ADDED_AT] = timezone.now().timestamp()


def note_sign_in(request: HttpRequest) -> None:
    now = timezone.now().timestamp()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN_AT] = now


def staff_session_lapse(request: HttpRequest) -> str | None:
    """Why this staff session has ended (idle too long, or signed in too long ago), or None
    after noting this request as activity."""
    session = request.session
    now = timezone.now().timestamp()
    signed_in_at = session.setdefault(SIGNED_IN_AT, now)
    last_seen_at = session.get(LAST_SEEN_AT, now)
    max_age = settings.STAFF_SESSION_MAX_AGE
    idle = settings.STAFF_SESSION_IDLE_TIMEOUT
    if now - signed_in_at > max_age.total_seconds():
        return _(
            "For your security you were signed out %(hours)d hours after signing in. "
            "Please sign in again."
        ) % {"hours": max_age.total_seconds() // 3600}
    if now - last_seen_at > idle.total_seconds():
        return _(
            "For your security you were signed out after %(minutes)d minutes without "
            "activity. Please sign in again."
        ) % {"minutes": idle.total_seconds() // 60}
    if LAST_SEEN_AT not in session or now - last_seen_at >= LAST_SEEN_RESOLUTION:
        session[LAST_SEEN_AT] = now
    return None
