"""Issuing visa invitation letters.

`letter_issue` builds the letter's details from the application (passport name, nationality,
passport number, dates, hospitals, supervisors where known, what is covered), and renders a
new PDF only when those details changed since the current letter; the previous letter then
stops being current and its verification page says it was replaced. It runs in a Celery task
(`letters.tasks.issue_letter`), queued after an offer is accepted and whenever the trainee's
profile or the program's details change.
"""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import date

import segno
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from applications.models import Application
from core.tasks import enqueue_on_commit
from letters.models import InvitationLetter
from programs.models import Program
from trainees.selectors import profile_of

log = logging.getLogger("exchange_portal.letters")


def letter_details(application: Application) -> dict:
    """What the letter states. Plain data (JSON), so it can be compared and kept."""
    trainee = application.trainee
    program = application.program
    organisation = program.organisation
    profile = profile_of(trainee)
    sites = program.rotation_sites.select_related("department__hospital").order_by(
        "start_date", "pk"
    )
    hospitals: list[dict] = []
    for site in sites:
        hospital = site.department.hospital
        entry = {
            "hospital": hospital.name,
            "hospital_native": hospital.name_native,
            "city": hospital.city,
            "department": site.department.name,
            "from": site.start_date.isoformat(),
            "until": site.end_date.isoformat(),
        }
        if entry not in hospitals:
            hospitals.append(entry)
    supervisors = (
        sorted(
            {
                f"{role.user.display_name}, {role.title}".strip(", ")
                for site in sites
                for role in site.department.supervisors.select_related("user").all()
            }
        )
        if program.kind != Program.Kind.COHORT_ROTATION
        else []
    )
    return {
        "organisation": organisation.name,
        "organisation_native": organisation.name_native,
        "organisation_city": organisation.city,
        "organisation_country": str(organisation.country.name) if organisation.country else "",
        "organisation_website": organisation.website,
        "trainee_surname": trainee.last_name.upper(),
        "trainee_given_names": trainee.first_name,
        "trainee_native_name": trainee.native_name,
        "date_of_birth": profile.date_of_birth.isoformat() if profile.date_of_birth else "",
        "nationality": str(profile.nationality.name) if profile.nationality else "",
        "passport_number": profile.passport_number,
        "program": program.title,
        "program_kind": program.get_kind_display(),
        "start": program.start_date.isoformat(),
        "end": program.end_date.isoformat(),
        "hospitals": hospitals,
        "supervisors": supervisors,
        "covered": program.covered_labels(),
        "cost_notes": program.cost_notes,
    }


def _hash(details: dict) -> str:
    return hashlib.sha256(json.dumps(details, sort_keys=True).encode()).hexdigest()


def verification_url(code: str) -> str:
    return settings.PORTAL_URL + reverse("letters:verify", args=[code])


def render_pdf(details: dict, code: str, issued_on: date) -> bytes:
    # Imported when a letter is rendered: WeasyPrint takes ~1 s to import, at every start-up.
    import weasyprint

    url = verification_url(code)
    qr = segno.make(url, error="m").svg_data_uri(scale=3, border=1)
    with translation.override("en"):  # consulates read English
        html = render_to_string(
            "letters/invitation_letter.html",
            {"d": details, "code": code, "url": url, "qr": qr, "issued_on": issued_on},
        )
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def letter_issue(application_id: int, *, force: bool = False) -> InvitationLetter | None:
    """Issue (or re-issue, when details changed) the letter of an accepted application.
    Returns the current letter, or None when the application is not accepted."""
    application = (
        Application.objects.select_related("trainee", "program__organisation")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Application.Status.ACCEPTED:
        return None
    details = letter_details(application)
    digest = _hash(details)
    current = InvitationLetter.objects.filter(application=application, is_current=True).first()
    if current is not None and current.details_hash == digest and not force:
        return current
    issued_at = timezone.now()
    letter = InvitationLetter(
        application=application,
        details=details,
        details_hash=digest,
        issued_at=issued_at,
        issued_on=application.program.organisation.local_date(issued_at),
    )
    pdf = render_pdf(details, letter.code, letter.issued_on)
    field = InvitationLetter._meta.get_field("pdf")
    name = field.storage.save(field.generate_filename(letter, "letter.pdf"), ContentFile(pdf))
    try:
        with transaction.atomic():
            locked = (
                InvitationLetter.objects.select_for_update()
                .filter(application=application, is_current=True)
                .first()
            )
            if locked is not None:
                if locked.details_hash == digest and not force:  # a twin task won the race
                    field.storage.delete(name)
                    return locked
                locked.is_current = False
                locked.save(update_fields=["is_current"])
            letter.pdf.name = name
            letter.save()
    except Exception:
        field.storage.delete(name)
        raise
    log.info("invitation letter %s issued for application %s", letter.code, application.pk)
    return letter


def refresh_letters_for(*, trainee_id: int | None = None, program_id: int | None = None) -> None:
    """After the trainee's or the program's details changed: re-issue the letters of their
    accepted applications (in the background, after commit; unchanged letters stay)."""
    accepted = Application.objects.filter(status=Application.Status.ACCEPTED)
    if trainee_id is not None:
        accepted = accepted.filter(trainee_id=trainee_id)
    if program_id is not None:
        accepted = accepted.filter(program_id=program_id)
    ids = list(accepted.values_list("pk", flat=True))
    if ids:
        for pk in ids:
            enqueue_on_commit("letters.tasks.issue_letter", pk)
