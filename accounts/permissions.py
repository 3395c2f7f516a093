"""Who may do what: the one permission vocabulary of the portal, used by every app's
views, services and selectors (never `x.coordinator_of_id == y.organisation_id` inline).

The predicates read attributes only (`organisation_id`, `trainee_id`, `supervisor.user_id`),
so this module, on the first floor, judges objects of any app above it without importing it.

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
from django.utils.translation import gettext as _

security_log = logging.getLogger("exchange_portal.security")


def manages(user, organisation_id: int | None) -> bool:
    """The user coordinates this host organisation."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.coordinator_of_id is not None
        and user.coordinator_of_id == organisation_id
    )


def manages_program(user, program) -> bool:
    """The user coordinates the organisation that hosts this program."""
    return manages(user, program.organisation_id)


def owns_application(user, application) -> bool:
    """The user is the applicant."""
    return bool(user is not None and user.is_authenticated and application.trainee_id == user.pk)


def supervises(user, placement) -> bool:
    """The user is the named supervisor of this placement."""
    return bool(
        user is not None
        and user.is_authenticated
        and placement.supervisor_id is not None
        and placement.supervisor.user_id == user.pk
    )


def holds_staff_role(user) -> bool:
    """Coordinators, supervisors and administrators: the roles whose sessions need a second
    factor and end sooner (accounts.middleware)."""
    return bool(
        user is not None
        and user.is_authenticated
        and (user.is_superuser or user.is_staff or user.is_coordinator or user.is_supervisor)
    )


def require_coordinator(user, message: str | None = None) -> None:
    """Refuse anyone who coordinates no organisation."""
    if user is None or not user.is_authenticated or not user.is_coordinator:
        raise PermissionDenied(message or _("Only coordinators may do this."))


def require_manages(user, organisation_id: int | None, message: str | None = None) -> None:
    """Refuse anyone who does not coordinate this organisation."""
    if not manages(user, organisation_id):
        raise PermissionDenied(
            message or _("Only coordinators of the host organisation may do this.")
        )


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


def require_privacy_officer(user) -> None:
    """Refuse anyone but coordinators and administrators (erasure decisions, privacy log)."""
    if user is None or not user.is_authenticated or not (user.is_coordinator or user.is_superuser):
        raise PermissionDenied(_("Only coordinators may do this."))
