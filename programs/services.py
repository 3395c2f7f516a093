"""Writes for programs and rotation sites.

Every change to a program goes through a function here: it checks that the acting
coordinator belongs to the host organisation, enforces the schedule rules, and
`program_transition` is the only place a program's status changes and its history row is
written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import require_manages
from core.deletion import delete_unless_depended_on
from core.errors import Refused
from hospitals.models import Department
from programs import selectors
from programs.models import Program, ProgramStatusChange, RotationSite
from programs.signals import program_changed
from reference.models import DocumentType

Status = Program.Status

# The state machine: from each status, the statuses a coordinator may move a program to.
# Unpublishing (published → draft) will need "nobody has applied yet" once applications
# exist; until then it is always allowed.
ALLOWED: dict[str, set[str]] = {
    Status.DRAFT: {Status.PUBLISHED},
    Status.PUBLISHED: {Status.CLOSED, Status.DRAFT},
    Status.CLOSED: {Status.PUBLISHED},
}

# Button labels for each allowed move, in the order buttons are shown.
TRANSITION_LABELS: dict[tuple[str, str], Any] = {
    (Status.DRAFT, Status.PUBLISHED): gettext_lazy("Publish"),
    (Status.PUBLISHED, Status.CLOSED): gettext_lazy("Close applications"),
    (Status.PUBLISHED, Status.DRAFT): gettext_lazy("Unpublish"),
    (Status.CLOSED, Status.PUBLISHED): gettext_lazy("Reopen"),
}


class TransitionNotAllowed(Refused):
    """A status change the state machine or the program's content does not allow."""


def _ensure_coordinator_of(user: User, organisation_id: int) -> None:
    require_manages(user, organisation_id)


# --- Rules ----------------------------------------------------------------------------


def validate_program_schedule(
    *,
    start_date: date | None,
    end_date: date | None,
    application_opens: date | None,
    application_closes: date | None,
) -> None:
    """The program ends on or after its start; applications open on or before they close,
    and close on or before the program starts. Raises a ValidationError per field."""
    errors: dict[str, str] = {}
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The program cannot end before it starts.")
    if application_opens and application_closes and application_closes < application_opens:
        errors["application_closes"] = _("Applications cannot close before they open.")
    if application_closes and start_date and application_closes > start_date:
        errors.setdefault(
            "application_closes",
            _("Applications must close on or before the start date (%(start)s).")
            % {"start": date_format(start_date)},
        )
    if errors:
        raise ValidationError(errors)


def validate_rotation_site(
    *,
    program: Program,
    department: Department | None,
    start_date: date | None,
    end_date: date | None,
    site: RotationSite | None = None,
) -> None:
    """A rotation site is a department of the host organisation's own hospitals, for a
    period inside the program's dates, at most once per department and start date."""
    errors: dict[str, str] = {}
    if department is not None and department.hospital.organisation_id != program.organisation_id:
        errors["department"] = _("Choose a department of your own organisation's hospitals.")
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = _("The period cannot end before it starts.")
    outside = _("The period must lie within the program, from %(start)s to %(end)s.") % {
        "start": date_format(program.start_date),
        "end": date_format(program.end_date),
    }
    if start_date and not program.start_date <= start_date <= program.end_date:
        errors["start_date"] = outside
    if end_date and not program.start_date <= end_date <= program.end_date:
        errors.setdefault("end_date", outside)
    if department is not None and start_date and "department" not in errors:
        clash = RotationSite.objects.filter(
            program=program, department=department, start_date=start_date
        )
        if site is not None and site.pk:
            clash = clash.exclude(pk=site.pk)
        if clash.exists():
            errors["department"] = _("This department already has a rotation starting that day.")
    if errors:
        raise ValidationError(errors)


def publish_blockers(program: Program) -> list[str]:
    """What is missing before the program can be published, in words a coordinator reads."""
    missing = []
    if not program.rotation_sites.exists():
        missing.append(_("at least one rotation site"))
    if not program.specialties.exists():
        missing.append(_("at least one specialty"))
    try:
        validate_program_schedule(
            start_date=program.start_date,
            end_date=program.end_date,
            application_opens=program.application_opens,
            application_closes=program.application_closes,
        )
    except ValidationError:
        missing.append(_("coherent dates and application window"))
    if program.seats < 1:
        missing.append(_("at least one seat"))
    return missing


def allowed_transitions(program: Program) -> list[tuple[str, str]]:
    """(target status, button label) for every move allowed from the program's status."""
    return [
        (to, str(label))
        for (source, to), label in TRANSITION_LABELS.items()
        if source == program.status and to in ALLOWED.get(program.status, set())
    ]


# --- Programs -------------------------------------------------------------------------

# Trainees upload these; the photo is on the profile and nomination letters come from referees
# (both outside the document list a supervisor may be shown).
SUPERVISOR_DOCUMENT_TYPES = frozenset(DocumentType.values) - {
    DocumentType.PHOTO,
    DocumentType.NOMINATION,
}

PROGRAM_FIELDS = (
    "kind",
    "title",
    "summary",
    "description",
    "start_date",
    "end_date",
    "application_opens",
    "application_closes",
    "seats",
    "working_language",
    "min_language_level",
    "language_notes",
    "required_documents",
    "documents_for_supervisors",
    "covers_travel",
    "covers_stipend",
    "covers_housing",
    "covers_meals",
    "fee",
    "currency",
    "cost_notes",
)


def _apply_program_data(program: Program, data: Mapping[str, Any]) -> None:
    for field in PROGRAM_FIELDS:
        if field in data:
            setattr(program, field, data[field])
    if program.fee is not None and program.fee < 0:
        raise ValidationError({"fee": _("The fee cannot be negative.")})
    if program.seats is not None and program.seats < 1:
        raise ValidationError({"seats": _("A program needs at least one seat.")})
    shown = program.documents_for_supervisors
    if not isinstance(shown, list) or not set(shown) <= SUPERVISOR_DOCUMENT_TYPES:
        raise ValidationError(
            {"documents_for_supervisors": _("Choose among the documents trainees upload.")}
        )
    program.documents_for_supervisors = sorted(set(shown))
    validate_program_schedule(
        start_date=program.start_date,
        end_date=program.end_date,
        application_opens=program.application_opens,
        application_closes=program.application_closes,
    )


def program_create(
    *, by: User, data: Mapping[str, Any], specialties: Iterable | None = None
) -> Program:
    """Create a draft program of the coordinator's own organisation."""
    if not by.is_authenticated or not by.is_coordinator:
        raise PermissionDenied(_("Only coordinators may create programs."))
    with transaction.atomic():
        program = Program(organisation_id=by.coordinator_of_id, status=Status.DRAFT)
        _apply_program_data(program, data)
        program.save()
        if specialties is not None:
            program.specialties.set(specialties)
    return program


def program_update(
    *, program: Program, by: User, data: Mapping[str, Any], specialties: Iterable | None = None
) -> Program:
    """Change a program's description, dates, seats, requirements and costs."""
    _ensure_coordinator_of(by, program.organisation_id)
    with transaction.atomic():
        _apply_program_data(program, data)
        program.save()
        if specialties is not None:
            program.specialties.set(specialties)
        _refresh_letters(program)
    return program


def _refresh_letters(program: Program) -> None:
    """Invitation letters state the program's dates, sites and costs: re-issue them."""
    program_changed.send(sender=Program, program_id=program.pk)


def program_delete(*, program: Program, by: User) -> None:
    """Delete a program; only drafts, which nobody outside the organisation has seen, and
    refused (DependentsExist) while applications to it exist."""
    _ensure_coordinator_of(by, program.organisation_id)
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        if locked.status != Status.DRAFT:
            raise TransitionNotAllowed(
                _("Only draft programs can be deleted; this one is %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        delete_unless_depended_on(locked, dependents=selectors.dependents_of_program)


def program_transition(*, program: Program, to: str, by: User, reason: str = "") -> Program:
    """Move a program to another status: the only place a status changes.

    The move must be in ALLOWED; publishing also needs a rotation site, a specialty and a
    coherent schedule. The row is locked so a double submission moves it once: the second
    attempt finds the new status and is refused. Writes one ProgramStatusChange row.
    """
    _ensure_coordinator_of(by, program.organisation_id)
    labels = dict(Status.choices)
    if to not in labels:
        raise TransitionNotAllowed(_("“%(to)s” is not a program status.") % {"to": to})
    with transaction.atomic():
        locked = Program.objects.select_for_update().get(pk=program.pk)
        source = locked.status
        if to not in ALLOWED.get(source, set()):
            raise TransitionNotAllowed(
                _("A %(source)s program cannot be moved to %(to)s.")
                % {"source": str(labels[source]).lower(), "to": str(labels[to]).lower()}
            )
        if to == Status.PUBLISHED:
            missing = publish_blockers(locked)
            if missing:
                raise TransitionNotAllowed(
                    _("This program cannot be published yet. It still needs: %(missing)s.")
                    % {"missing": ", ".join(missing)}
                )
            locked.published_at = timezone.now()
        locked.status = to
        locked.save(update_fields=["status", "published_at", "updated_at"])
        ProgramStatusChange.objects.create(
            program=locked, from_status=source, to_status=to, by=by, reason=reason[:300]
        )
    program.status = locked.status
    program.published_at = locked.published_at
    return program


# --- Rotation sites -------------------------------------------------------------------


def rotation_site_create(
    *,
    program: Program,
    by: User,
    department: Department,
    start_date: date,
    end_date: date,
    capacity: int,
) -> RotationSite:
    """Add a department of the organisation's hospitals to the program for a period."""
    _ensure_coordinator_of(by, program.organisation_id)
    with transaction.atomic():
        _validate_capacity(capacity)
        validate_rotation_site(
            program=program, department=department, start_date=start_date, end_date=end_date
        )
        site = RotationSite.objects.create(
            program=program,
            department=department,
            start_date=start_date,
            end_date=end_date,
            capacity=capacity,
        )
        _refresh_letters(program)
        return site


def rotation_site_update(
    *,
    site: RotationSite,
    by: User,
    department: Department,
    start_date: date,
    end_date: date,
    capacity: int,
) -> RotationSite:
    """Change a rotation site's department, period or capacity."""
    program = site.program
    _ensure_coordinator_of(by, program.organisation_id)
    with transaction.atomic():
        _validate_capacity(capacity)
        validate_rotation_site(
            program=program,
            department=department,
            start_date=start_date,
            end_date=end_date,
            site=site,
        )
        site.department = department
        site.start_date = start_date
        site.end_date = end_date
        site.capacity = capacity
        site.save()
        _refresh_letters(program)
    return site


def rotation_site_delete(*, site: RotationSite, by: User) -> None:
    """Remove a rotation site from its program, refused (DependentsExist) while placements
    are in it or applications rank it."""
    _ensure_coordinator_of(by, site.program.organisation_id)
    with transaction.atomic():
        delete_unless_depended_on(site, dependents=selectors.dependents_of_rotation_site)
        _refresh_letters(site.program)


def _validate_capacity(capacity: int | None) -> None:
    if capacity is None or capacity < 0:
        raise ValidationError({"capacity": _("Capacity cannot be negative.")})
