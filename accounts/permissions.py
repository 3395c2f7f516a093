"""Who may do what: role checks shared by every app's views, selectors and templates.

Objects of another organisation are answered with 404, never 403, so ids cannot be
enumerated; a signed-in person without the needed role gets 403; anonymous visitors are
sent to the login page.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

security_log = logging.getLogger("exchange_portal.security")


def coordinator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only coordinators of a host organisation may use this view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_coordinator:
            security_log.warning(
                "403 coordinator-only %s user=%s ip=%s",
                request.path,
                user.pk,
                request.META.get("REMOTE_ADDR"),
            )
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def supervisor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only people who supervise in at least one department may use this view."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user.is_supervisor:
            security_log.warning(
                "403 supervisor-only %s user=%s ip=%s",
                request.path,
                user.pk,
                request.META.get("REMOTE_ADDR"),
            )
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def log_foreign_object(request: HttpRequest, what: str, pk: object) -> None:
    """Record a request for an object the user may not see (answered with 404)."""
    security_log.warning(
        "404 foreign %s pk=%s user=%s ip=%s",
        what,
        pk,
        getattr(request.user, "pk", None),
        request.META.get("REMOTE_ADDR"),
    )
