"""Writes for hospitals, departments, specialties, supervisors and partnerships.

Every change goes through a function here. Each checks that the acting coordinator belongs
to the organisation that owns the row, enforces the rule the form also shows (unique names,
dates in order, nothing deleted while something depends on it) and logs what was done.
The database constraints back the same rules, so a race ends in a readable error too.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from accounts.permissions import require_coordinator, require_manages
from core.deletion import delete_unless_depended_on
from core.files import delete_after_commit
from hospitals import selectors
from hospitals.models import Department, Hospital, Partnership, Supervisor
from reference.models import Specialty

log = logging.getLogger("exchange_portal.hospitals")

HOSPITAL_FIELDS = (
    "name",
    "name_native",
    "city",
    "country",
    "kind",
    "grade",
    "beds",
    "international_office_name",
    "international_office_email",
    "international_office_phone",
    "latitude",
    "longitude",
    "description",
)
DEPARTMENT_FIELDS = ("hospital", "specialty", "name", "capacity")
PARTNERSHIP_FIELDS = ("partner", "title", "signed_on", "expires_on", "yearly_quota", "notes")
ORGANISATION_FIELDS = (
    "name",
    "name_native",
    "kind",
    "country",
    "city",
    "website",
    "time_zone",
)
# What a coordinator may change about their own organisation (not its kind: it hosts).
OWN_ORGANISATION_FIELDS = (
    "name",
    "name_native",
    "country",
    "city",
    "website",
    "time_zone",
    "letter_language",
)


def _ensure_coordinator_of(user: User, organisation_id: int | None) -> None:
    """Organisation-wide rows need the organisation's coordinator; shared ones (None, e.g.
    specialties) any coordinator."""
    require_coordinator(user)
    if organisation_id is not None:
        require_manages(user, organisation_id)


def _assign(instance: Any, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])


def _refuse_protected(blockers: list[str]) -> None:
    if blockers:
        raise ValidationError(blockers, code="protected")


# --- Hospitals ------------------------------------------------------------------------


def _validate_hospital_name(*, organisation_id: int, name: str, exclude_pk: int | None) -> None:
    duplicates = Hospital.objects.filter(organisation_id=organisation_id, name__iexact=name)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError(
            {"name": _("Your organisation already has a hospital with this name.")}
        )


def _set_photo(hospital: Hospital, photo: File | bool | None) -> None:
    """None keeps the photo, False removes it, a file (already cleaned) replaces it."""
    if photo is None:
        return
    if hospital.photo:
        delete_after_commit(hospital.photo)
    hospital.photo = photo or None


def hospital_create(
    *,
    organisation: Organisation,
    data: Mapping[str, Any],
    photo: File | None = None,
    by: User,
) -> Hospital:
    """Add a hospital to the coordinator's own organisation; names are unique in it."""
    _ensure_coordinator_of(by, organisation.pk)
    with transaction.atomic():
        _validate_hospital_name(organisation_id=organisation.pk, name=data["name"], exclude_pk=None)
        hospital = Hospital(organisation=organisation)
        _assign(hospital, data, HOSPITAL_FIELDS)
        if photo:
            hospital.photo = photo
        hospital.full_clean(exclude=["photo"])
        hospital.save()
    log.info("hospital %s created by user %s", hospital.pk, by.pk)
    return hospital


def hospital_update(
    *,
    hospital: Hospital,
    data: Mapping[str, Any],
    photo: File | bool | None = None,
    by: User,
) -> Hospital:
    """Change a hospital of the coordinator's organisation (photo: None keeps it)."""
    _ensure_coordinator_of(by, hospital.organisation_id)
    with transaction.atomic():
        _validate_hospital_name(
            organisation_id=hospital.organisation_id, name=data["name"], exclude_pk=hospital.pk
        )
        _assign(hospital, data, HOSPITAL_FIELDS)
        _set_photo(hospital, photo)
        hospital.full_clean(exclude=["photo"])
        hospital.save()
    log.info("hospital %s updated by user %s", hospital.pk, by.pk)
    return hospital


def hospital_delete(*, hospital: Hospital, by: User) -> None:
    """Delete a hospital, refused (DependentsExist) while it has departments."""
    _ensure_coordinator_of(by, hospital.organisation_id)
    pk = hospital.pk
    with transaction.atomic():
        delete_unless_depended_on(hospital, dependents=selectors.dependents_of_hospital)
        delete_after_commit(hospital.photo)
    log.info("hospital %s deleted by user %s", pk, by.pk)


# --- Departments ----------------------------------------------------------------------


def validate_department_name(*, hospital: Hospital, name: str, exclude_pk: int | None) -> None:
    """A department name is used once per hospital."""
    duplicates = Department.objects.filter(hospital=hospital, name__iexact=name)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError(
            {"name": _("This hospital already has a department with this name.")},
            code="unique",
        )


def _save_department(department: Department) -> None:
    validate_department_name(
        hospital=department.hospital, name=department.name, exclude_pk=department.pk
    )
    department.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            department.save()
    except IntegrityError:
        # Two coordinators typing the same name at once: the constraint decides.
        raise ValidationError(
            {"name": _("This hospital already has a department with this name.")}
        ) from None


def department_create(*, data: Mapping[str, Any], by: User) -> Department:
    """Add a department to one of the coordinator's hospitals."""
    _ensure_coordinator_of(by, data["hospital"].organisation_id)
    with transaction.atomic():
        department = Department()
        _assign(department, data, DEPARTMENT_FIELDS)
        _save_department(department)
    log.info("department %s created by user %s", department.pk, by.pk)
    return department


def department_update(*, department: Department, data: Mapping[str, Any], by: User) -> Department:
    """Change a department; it may move only to another hospital of the same organisation."""
    _ensure_coordinator_of(by, department.hospital.organisation_id)
    if "hospital" in data:
        _ensure_coordinator_of(by, data["hospital"].organisation_id)
    with transaction.atomic():
        _assign(department, data, DEPARTMENT_FIELDS)
        _save_department(department)
    log.info("department %s updated by user %s", department.pk, by.pk)
    return department


def department_delete(*, department: Department, by: User) -> None:
    """Delete a department, refused (DependentsExist) while supervisors, rotation sites or
    placements depend on it."""
    _ensure_coordinator_of(by, department.hospital.organisation_id)
    pk = department.pk
    with transaction.atomic():
        delete_unless_depended_on(department, dependents=selectors.dependents_of_department)
    log.info("department %s deleted by user %s", pk, by.pk)


# --- Specialties ----------------------------------------------------------------------


def specialty_create(*, name: str, slug: str, by: User) -> Specialty:
    """Any coordinator may add a specialty; specialties are shared by all organisations."""
    _ensure_coordinator_of(by, None)
    with transaction.atomic():
        specialty = Specialty(name=name, slug=slug)
        specialty.full_clean()
        specialty.save()
    log.info("specialty %s created by user %s", specialty.pk, by.pk)
    return specialty


def specialty_update(*, specialty: Specialty, name: str, slug: str, by: User) -> Specialty:
    """Rename a specialty, allowed only while nothing uses it (the name is shared)."""
    _ensure_coordinator_of(by, None)
    with transaction.atomic():
        _refuse_protected(selectors.dependents_of_specialty(specialty))
        specialty.name, specialty.slug = name, slug
        specialty.full_clean()
        specialty.save()
    log.info("specialty %s updated by user %s", specialty.pk, by.pk)
    return specialty


def specialty_delete(*, specialty: Specialty, by: User) -> None:
    """Delete a specialty, refused (DependentsExist) while any department, program or
    application uses it."""
    _ensure_coordinator_of(by, None)
    pk = specialty.pk
    with transaction.atomic():
        delete_unless_depended_on(specialty, dependents=selectors.dependents_of_specialty)
    log.info("specialty %s deleted by user %s", pk, by.pk)


# --- Supervisors ----------------------------------------------------------------------


def supervisor_create(
    *, user: User, department: Department, title: str, max_trainees: int, by: User
) -> Supervisor:
    """Give an existing person a supervisor role in one of the coordinator's departments."""
    _ensure_coordinator_of(by, department.hospital.organisation_id)
    with transaction.atomic():
        if Supervisor.objects.filter(user=user, department=department).exists():
            raise ValidationError(
                {"department": _("This person already supervises in this department.")}
            )
        supervisor = Supervisor(
            user=user, department=department, title=title, max_trainees=max_trainees
        )
        supervisor.full_clean(validate_unique=False, validate_constraints=False)
        supervisor.save()
    log.info("supervisor %s created by user %s", supervisor.pk, by.pk)
    return supervisor


def supervisor_update(
    *, supervisor: Supervisor, title: str, max_trainees: int, by: User
) -> Supervisor:
    _ensure_coordinator_of(by, supervisor.department.hospital.organisation_id)
    with transaction.atomic():
        supervisor.title, supervisor.max_trainees = title, max_trainees
        supervisor.full_clean(validate_unique=False, validate_constraints=False)
        supervisor.save(update_fields=["title", "max_trainees"])
    log.info("supervisor %s updated by user %s", supervisor.pk, by.pk)
    return supervisor


def supervisor_delete(*, supervisor: Supervisor, by: User) -> None:
    """Remove a supervisor role; the person's account stays. Refused (DependentsExist) while
    placements name the supervisor."""
    _ensure_coordinator_of(by, supervisor.department.hospital.organisation_id)
    pk = supervisor.pk
    with transaction.atomic():
        delete_unless_depended_on(supervisor, dependents=selectors.dependents_of_supervisor)
    log.info("supervisor %s deleted by user %s", pk, by.pk)


# --- Partnerships ---------------------------------------------------------------------


def validate_partnership_terms(*, signed_on, expires_on, yearly_quota) -> None:
    """An agreement expires after it is signed; the yearly quota is not negative."""
    errors: dict[str, str] = {}
    if signed_on and expires_on and expires_on <= signed_on:
        errors["expires_on"] = _("The agreement must expire after the day it was signed.")
    if yearly_quota is not None and yearly_quota < 0:
        errors["yearly_quota"] = _("The yearly quota cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _save_partnership(partnership: Partnership, by: User) -> None:
    if partnership.partner_id == partnership.host_id:
        raise ValidationError({"partner": _("Choose an organisation other than your own.")})
    validate_partnership_terms(
        signed_on=partnership.signed_on,
        expires_on=partnership.expires_on,
        yearly_quota=partnership.yearly_quota,
    )
    partnership.full_clean(exclude=["agreement"])
    partnership.save()


def partnership_create(
    *, data: Mapping[str, Any], agreement: File | None = None, by: User
) -> Partnership:
    """Record an agreement between the coordinator's organisation and a partner."""
    _ensure_coordinator_of(by, None)
    with transaction.atomic():
        partnership = Partnership(host_id=by.coordinator_of_id)
        _assign(partnership, data, PARTNERSHIP_FIELDS)
        if agreement:
            partnership.agreement = agreement
        _save_partnership(partnership, by)
    log.info("partnership %s created by user %s", partnership.pk, by.pk)
    return partnership


def partnership_update(
    *,
    partnership: Partnership,
    data: Mapping[str, Any],
    agreement: File | bool | None = None,
    by: User,
) -> Partnership:
    """Change an agreement (agreement: None keeps the PDF, False removes it)."""
    _ensure_coordinator_of(by, partnership.host_id)
    with transaction.atomic():
        _assign(partnership, data, PARTNERSHIP_FIELDS)
        if agreement is not None:
            delete_after_commit(partnership.agreement)
            partnership.agreement = agreement or None
        _save_partnership(partnership, by)
    log.info("partnership %s updated by user %s", partnership.pk, by.pk)
    return partnership


def partnership_delete(*, partnership: Partnership, by: User) -> None:
    _ensure_coordinator_of(by, partnership.host_id)
    pk = partnership.pk
    with transaction.atomic():
        delete_unless_depended_on(partnership, dependents=selectors.dependents_of_partnership)
        delete_after_commit(partnership.agreement)
    log.info("partnership %s deleted by user %s", pk, by.pk)


def partner_organisation_create(*, data: Mapping[str, Any], by: User) -> Organisation:
    """Add a partner (sending hospital, ministry or agency) that agreements can name."""
    _ensure_coordinator_of(by, None)
    if data.get("kind") not in selectors.PARTNER_KINDS:
        raise ValidationError({"kind": _("Choose a sending hospital, ministry or agency.")})
    with transaction.atomic():
        organisation = Organisation()
        _assign(organisation, data, ORGANISATION_FIELDS)
        organisation.full_clean()
        organisation.save()
    log.info("partner organisation %s created by user %s", organisation.pk, by.pk)
    return organisation


def organisation_update(
    *, organisation: Organisation, data: Mapping[str, Any], by: User
) -> Organisation:
    """A coordinator edits their own organisation, its time zone among them: from then on
    its "today" (deadlines, reminders, late flags) is the date in that zone."""
    _ensure_coordinator_of(by, organisation.pk)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        _assign(organisation, data, OWN_ORGANISATION_FIELDS)
        organisation.full_clean()
        try:
            with transaction.atomic():
                organisation.save()
        except IntegrityError:
            raise ValidationError(
                {"name": _("Another organisation in this country has this name.")}
            ) from None
    log.info("organisation %s updated by user %s", organisation.pk, by.pk)
    return organisation
