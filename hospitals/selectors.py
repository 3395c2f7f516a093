"""Reads for hospitals, departments, specialties, supervisors and partnerships.

Every queryset is scoped by the acting user: a coordinator sees only the rows of their own
host organisation, anybody else sees nothing, so a forgotten check cannot leak rows. List
querysets carry their joins and counts so a page costs the same number of queries at 5
rows and at 500.
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Count, Prefetch, Q, QuerySet, Sum, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Invitation, Organisation, User
from core.deletion import count_by_status
from hospitals.models import Department, Hospital, Partnership, Supervisor
from reference.models import Specialty

PARTNER_KINDS = [
    Organisation.Kind.SENDING,
    Organisation.Kind.MINISTRY,
    Organisation.Kind.AGENCY,
]


def _organisation_id(user: User) -> int | None:
    if not user.is_authenticated:
        return None
    return user.coordinator_of_id


def hospitals_for_user(user: User) -> QuerySet[Hospital]:
    """The hospitals of the user's host organisation, with department counts."""
    organisation_id = _organisation_id(user)
    if organisation_id is None:
        return Hospital.objects.none()
    return (
        Hospital.objects.filter(organisation_id=organisation_id)
        .select_related("organisation")
        .annotate(
            department_count=Count("departments", distinct=True),
            capacity_total=Sum("departments__capacity"),
        )
    )


def hospital_detail_for_user(user: User) -> QuerySet[Hospital]:
    """Like hospitals_for_user, with departments, their specialties and supervisors."""
    departments = Department.objects.select_related("specialty").prefetch_related(
        Prefetch("supervisors", queryset=Supervisor.objects.select_related("user"))
    )
    return hospitals_for_user(user).prefetch_related(
        Prefetch("departments", queryset=departments.order_by("name"))
    )


def departments_for_user(user: User) -> QuerySet[Department]:
    organisation_id = _organisation_id(user)
    if organisation_id is None:
        return Department.objects.none()
    return Department.objects.filter(hospital__organisation_id=organisation_id).select_related(
        "hospital", "specialty"
    )


def specialties_with_usage() -> QuerySet[Specialty]:
    """Every specialty (they are shared by all organisations) with how often it is used."""
    return Specialty.objects.annotate(
        department_count=Count("departments", distinct=True),
        program_count=Count("programs", distinct=True),
    )


def supervisors_for_user(user: User) -> QuerySet[Supervisor]:
    """Supervisor roles in the departments of the user's host organisation."""
    organisation_id = _organisation_id(user)
    if organisation_id is None:
        return Supervisor.objects.none()
    return Supervisor.objects.filter(
        department__hospital__organisation_id=organisation_id
    ).select_related("user", "department__hospital", "department__specialty")


def partnerships_for_user(user: User) -> QuerySet[Partnership]:
    """Agreements hosted by the user's organisation, with the partner."""
    organisation_id = _organisation_id(user)
    if organisation_id is None:
        return Partnership.objects.none()
    return (
        Partnership.objects.filter(host_id=organisation_id)
        .select_related("host", "partner")
        .annotate(
            is_active=Case(
                When(active_partnerships_q(), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
    )


def partner_organisation_choices(user: User) -> QuerySet[Organisation]:
    """Organisations a partnership may be signed with: any but the user's own."""
    return Organisation.objects.exclude(pk=_organisation_id(user))


def partner_hospitals(partnership: Partnership) -> QuerySet[Hospital]:
    return Hospital.objects.filter(organisation_id=partnership.partner_id).order_by("name")


def active_partnerships_q() -> Q:
    """Agreements without an end, or ending today or later where the host organisation is."""
    return Q(expires_on__isnull=True) | Organisation.where_today(
        path="host", rule=lambda today, _zone: Q(expires_on__gte=today)
    )


# --- What stops a deletion ------------------------------------------------------------
# Rows of higher floors (placements, preferences) are reached through their reverse
# relations, never imported: these lines only count them.


def _placements_line(placements: QuerySet) -> list[str]:
    count, statuses = count_by_status(placements)
    if not count:
        return []
    return [
        ngettext("%(count)d placement: %(statuses)s", "%(count)d placements: %(statuses)s", count)
        % {"count": count, "statuses": statuses}
    ]


def dependents_of_hospital(hospital: Hospital) -> list[str]:
    return [
        _("Department “%(name)s”") % {"name": department.name}
        for department in hospital.departments.order_by("name")
    ]


def dependents_of_department(department: Department) -> list[str]:
    lines = [
        _("Supervisor %(name)s") % {"name": supervisor.user.display_name}
        for supervisor in department.supervisors.select_related("user")
    ]
    lines += [
        _("Rotation site of the program “%(title)s” (%(start)s to %(end)s)")
        % {"title": site.program.title, "start": site.start_date, "end": site.end_date}
        for site in department.rotation_sites.select_related("program")
    ]
    return lines + _placements_line(department.placements.all())


def dependents_of_specialty(specialty: Specialty) -> list[str]:
    """What uses the specialty, in any organisation (names of other organisations' rows are
    not shown, only counts)."""
    lines = []
    departments = specialty.departments.count()
    if departments:
        lines.append(
            ngettext("Used by %(count)d department", "Used by %(count)d departments", departments)
            % {"count": departments}
        )
    programs = specialty.programs.count()
    if programs:
        lines.append(
            ngettext("Used by %(count)d program", "Used by %(count)d programs", programs)
            % {"count": programs}
        )
    ranked = specialty.preference_set.values("application").distinct().count()
    if ranked:
        lines.append(
            ngettext("Ranked by %(count)d application", "Ranked by %(count)d applications", ranked)
            % {"count": ranked}
        )
    return lines


def dependents_of_supervisor(supervisor: Supervisor) -> list[str]:
    """The placements with this supervisor, in every status (they keep their history)."""
    return _placements_line(supervisor.placements.all())


def dependents_of_partnership(partnership: Partnership) -> list[str]:
    """Nothing refers to an agreement: it can always be deleted."""
    return []


def team_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    """The organisation's invitations, newest first, with their departments' hospitals."""
    departments = Department.objects.select_related("hospital")
    return (
        Invitation.objects.filter(organisation=organisation)
        .select_related("invited_by", "accepted_by")
        .prefetch_related(Prefetch("departments", queryset=departments))
        .order_by("-created_at")
    )


def team_coordinators(organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(coordinator_of=organisation).order_by("last_name")
