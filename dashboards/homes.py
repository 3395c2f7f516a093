"""What each role's home page shows: counts and lists, gathered in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accommodation.selectors import host_overview
from accounts.models import Invitation, Organisation, User
from applications.models import Application
from hospitals.models import Hospital, Partnership, Supervisor
from programs.models import Program, ProgramStatusChange, RotationSite
from trainees.models import Document, DocumentReview
from trainees.selectors import completeness
from travel.selectors import pickups_for


def coordinator_home(user: User) -> dict[str, Any]:
    """Counts that matter for the coordinator's organisation, the program calendar and
    recent activity. Each count links to the list where the work is done."""
    organisation = user.coordinator_of
    today = organisation.today()
    programs = Program.objects.filter(organisation=organisation)
    counts = programs.aggregate(
        drafts=Count("pk", filter=Q(status=Program.Status.DRAFT)),
        published=Count("pk", filter=Q(status=Program.Status.PUBLISHED)),
        accepting=Count(
            "pk",
            filter=Q(
                status=Program.Status.PUBLISHED,
                application_opens__lte=today,
                application_closes__gte=today,
            ),
        ),
    )
    drafts_opening_soon = programs.filter(
        status=Program.Status.DRAFT,
        application_opens__lte=today + timedelta(days=14),
    ).count()
    expiring = Partnership.objects.filter(
        host=organisation, expires_on__gte=today, expires_on__lte=today + timedelta(days=90)
    ).count()
    hospitals = Hospital.objects.filter(organisation=organisation).count()
    supervisors = Supervisor.objects.filter(department__hospital__organisation=organisation).count()
    open_invitations = Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).count()
    calendar = list(
        programs.filter(end_date__gte=today)
        .exclude(status=Program.Status.CLOSED)
        .annotate(site_count=Count("rotation_sites"))
        .order_by("start_date")[:8]
    )
    activity = list(
        ProgramStatusChange.objects.filter(program__organisation=organisation)
        .select_related("program", "by")
        .order_by("-at")[:8]
    )
    next_steps = []
    if hospitals == 0:
        next_steps.append(_("Add your first hospital and its departments."))
    if supervisors == 0:
        next_steps.append(_("Invite supervisors for the departments that take trainees."))
    if drafts_opening_soon:
        next_steps.append(
            ngettext(
                "%(count)s draft program should open for applications within two weeks.",
                "%(count)s draft programs should open for applications within two weeks.",
                drafts_opening_soon,
            )
            % {"count": drafts_opening_soon}
        )
    if expiring:
        next_steps.append(
            ngettext(
                "%(count)s partnership agreement expires within 90 days.",
                "%(count)s partnership agreements expire within 90 days.",
                expiring,
            )
            % {"count": expiring}
        )
    return {
        "organisation": organisation,
        "counts": {
            **counts,
            "hospitals": hospitals,
            "supervisors": supervisors,
            "open_invitations": open_invitations,
            "expiring_partnerships": expiring,
        },
        "calendar": calendar,
        "activity": activity,
        "next_steps": next_steps,
    }


def supervisor_home(user: User) -> dict[str, Any]:
    """The supervisor's departments and the rotations coming to them."""
    roles = list(
        Supervisor.objects.filter(user=user).select_related(
            "department__hospital", "department__specialty"
        )
    )
    department_ids = [role.department_id for role in roles]
    not_ended = Organisation.where_today(
        path="program__organisation", rule=lambda today, _zone: Q(end_date__gte=today)
    )
    rotations = list(
        RotationSite.objects.filter(
            not_ended,
            department_id__in=department_ids,
            program__status=Program.Status.PUBLISHED,
        )
        .select_related("program", "department__hospital")
        .order_by("start_date")[:20]
    )
    return {"roles": roles, "rotations": rotations, "pickups": pickups_for(user).count()}


def host_home(user: User) -> dict[str, Any] | None:
    """A host's guests and the proposals waiting for their answer, when they manage a
    housing listing (a host family, a supervisor offering a room); else None."""
    if not user.housing_managed.exists():
        return None
    return host_overview(user)


def trainee_home(user: User) -> dict[str, Any]:
    """A checklist of what the trainee still has to do, each item linking to where it is
    done, and the programs open for applications now."""
    verified = EmailAddress.objects.filter(user=user, verified=True).exists()
    checklist = [
        {
            "label": _("Confirm your e-mail address"),
            "done": verified,
            "url_name": "account_email",
        },
        {
            "label": _("Give your name as in your passport"),
            "done": bool(user.first_name and user.last_name),
            "url_name": "accounts:profile",
        },
        {
            "label": _("Set your time zone, so that dates show in your local time"),
            "done": user.time_zone != "UTC",
            "url_name": "accounts:profile",
        },
    ]
    profile = completeness(user)
    checklist += [
        {
            "label": _("Complete your profile (%(percent)s%% done)") % {"percent": profile.percent},
            "done": not profile.missing,
            "url_name": "trainees:profile",
        },
        {
            "label": _("Upload your passport"),
            # Uploaded, and no organisation asked for a corrected version.
            "done": Document.objects.filter(owner=user, type="passport", is_current=True)
            .exclude(reviews__status=DocumentReview.Status.REJECTED)
            .exists(),
            "url_name": "trainees:documents",
        },
    ]
    window_open = Organisation.where_today(
        path="organisation",
        rule=lambda today, _zone: Q(application_opens__lte=today, application_closes__gte=today),
    )
    open_programs = list(
        Program.objects.filter(window_open, status=Program.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("application_closes")[:5]
    )
    applications = list(
        Application.objects.filter(trainee=user)
        .select_related("program__organisation")
        .order_by("-created_at")[:10]
    )
    drafts = [a for a in applications if a.status == Application.Status.DRAFT]
    for draft in drafts:
        checklist.append(
            {
                "label": _("Finish and submit your application to %(program)s")
                % {"program": draft.program.title},
                "done": False,
                "url_name": "applications:edit",
                "url_arg": draft.pk,
            }
        )
    return {
        "checklist": checklist,
        "missing": sum(1 for item in checklist if not item["done"]),
        "open_programs": open_programs,
        "applications": applications,
        # A pickup person (driver, volunteer) signed in: the visitors they meet.
        "pickups": pickups_for(user).count(),
    }
