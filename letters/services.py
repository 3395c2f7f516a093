"""Issuing visa invitation letters.

`letter_issue` builds the letter's details from the application (passport name in Latin
letters and native script, nationality, passport number and expiry, and the trainee's own
placements: hospital, department, dates, supervisor; what is covered), always in English, and
renders a new PDF only when those details changed since the current letter; the previous
letter then stops being current and its verification page says it was replaced, and when. A
passport that expires less than LETTER_PASSPORT_MARGIN_MONTHS after the stay ends refuses the
letter (LetterRefusal, shown to the coordinator and the trainee, who is told what to do).
It runs in a Celery task (`letters.tasks.issue_letter`), queued after an offer is accepted and
whenever the trainee's profile or passport, the program or one of the placements changes.
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
from core.dates import add_months
from core.tasks import enqueue_on_commit
from letters.models import InvitationLetter, LetterRefusal
from letters.notify import letter_refused
from trainees.selectors import passport_expires_on, profile_of

log = logging.getLogger("exchange_portal.letters")


def stay_placements(application: Application) -> list:
    """The trainee's own placements that hold a place (planned to in progress), in date
    order. Read through the application's reverse relation: placements and letters are on
    one floor and neither imports the other."""
    placements = application.placements
    return list(
        placements.filter(status__in=placements.model.HOLDING)
        .select_related("department__hospital", "supervisor__user")
        .order_by("start_date", "pk")
    )


def _site(placement) -> dict:
    department = placement.department
    hospital = department.hospital
    supervisor = placement.supervisor
    return {
        "hospital": hospital.name,
        "hospital_native": hospital.name_native,
        "city": hospital.city,
        "department": department.name,
        "from": placement.start_date.isoformat(),
        "until": placement.end_date.isoformat(),
        "supervisor": (
            ", ".join(part for part in (supervisor.user.latin_name, supervisor.title) if part)
            if supervisor is not None
            else ""
        ),
    }


def stay_dates(application: Application, placements: list) -> tuple[date, date]:
    """From the first placement's start to the last one's end; the program's dates while
    there is no placement."""
    if not placements:
        return application.program.start_date, application.program.end_date
    return (
        min(p.start_date for p in placements),
        max(p.end_date for p in placements),
    )


def letter_details(application: Application, placements: list | None = None) -> dict:
    """What the letter states, in English whatever language the request or task runs in.
    Plain data (JSON), so it can be compared and kept."""
    if placements is None:
        placements = stay_placements(application)
    with translation.override("en"):  # labels, country names: consulates read English
        return _details(application, placements)


def _details(application: Application, placements: list) -> dict:
    trainee = application.trainee
    program = application.program
    organisation = program.organisation
    profile = profile_of(trainee)
    start, end = stay_dates(application, placements)
    expires = passport_expires_on(trainee.pk)
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
        "passport_expires_on": expires.isoformat() if expires else "",
        "program": program.title,
        "program_kind": str(program.get_kind_display()),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "hospitals": [_site(placement) for placement in placements],
        "covered": [str(label) for label in program.covered_labels()],
        "cost_notes": program.cost_notes,
        # A second copy in the host's language, when the organisation asks for one.
        "host_language": ""
        if organisation.letter_language == "en"
        else organisation.letter_language,
    }


def passport_margin_months() -> int:
    return settings.LETTER_PASSPORT_MARGIN_MONTHS


def passport_refusal(application: Application, details: dict) -> LetterRefusal | None:
    """A refusal (not saved) when the passport expires less than the margin after the stay
    ends; None when it is valid long enough or its expiry is not known."""
    if not details["passport_expires_on"]:
        return None
    expires = date.fromisoformat(details["passport_expires_on"])
    end = date.fromisoformat(details["end"])
    needed = add_months(end, passport_margin_months())
    if expires >= needed:
        return None
    return LetterRefusal(
        application=application,
        reason=LetterRefusal.Reason.PASSPORT_EXPIRES,
        passport_expires_on=expires,
        stay_ends_on=end,
        valid_until_needed=needed,
    )


def _hash(details: dict) -> str:
    return hashlib.sha256(json.dumps(details, sort_keys=True).encode()).hexdigest()


def verification_url(code: str) -> str:
    return settings.PORTAL_URL + reverse("letters:verify", args=[code])


def _as_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def _printable(details: dict) -> dict:
    """The details with dates as dates, for the template to write them out in English."""
    as_date = _as_date
    return {
        **details,
        "date_of_birth": as_date(details["date_of_birth"]),
        "passport_expires_on": as_date(details.get("passport_expires_on", "")),
        "start": as_date(details["start"]),
        "end": as_date(details["end"]),
        "hospitals": [
            {**site, "from": as_date(site["from"]), "until": as_date(site["until"])}
            for site in details["hospitals"]
        ],
    }


def render_pdf(details: dict, code: str, issued_on: date) -> bytes:
    # Imported when a letter is rendered: WeasyPrint takes ~1 s to import, at every start-up.
    import weasyprint

    url = verification_url(code)
    qr = segno.make(url, error="m").svg_data_uri(scale=3, border=1)
    # Consulates read English, dates and numbers too; the host's copy switches language
    # inside the template ({% language %}).
    with translation.override("en"):
        html = render_to_string(
            "letters/invitation_letter.html",
            {
                "d": _printable(details),
                "host_language": details.get("host_language", ""),
                "code": code,
                "url": url,
                "qr": qr,
                "issued_on": issued_on,
            },
        )
    return weasyprint.HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def letter_issue(application_id: int, *, force: bool = False) -> InvitationLetter | None:
    """Issue (or re-issue, when a printed detail changed) the letter of an accepted
    application. Returns the current letter; None when the application is not accepted or
    the letter is refused (a LetterRefusal then says why, and the trainee is told)."""
    application = (
        Application.objects.select_related("trainee", "program__organisation")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Application.Status.ACCEPTED:
        return None
    details = letter_details(application)
    refusal = passport_refusal(application, details)
    if refusal is not None:
        _refuse(refusal)
        return None
    digest = _hash(details)
    current = InvitationLetter.objects.filter(application=application, is_current=True).first()
    if current is not None and current.details_hash == digest and not force:
        LetterRefusal.objects.filter(application=application).delete()
        return current
    issued_at = timezone.now()
    letter = InvitationLetter(
        application=application,
        details=details,
        details_hash=digest,
        issued_at=issued_at,
        # Computed once, where the host is: the PDF and the verification page print this.
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
            if locked is not None:
                locked.replaced_by = letter
                locked.save(update_fields=["replaced_by"])
            LetterRefusal.objects.filter(application=application).delete()
    except Exception:
        field.storage.delete(name)
        raise
    log.info("invitation letter %s issued for application %s", letter.code, application.pk)
    return letter


def _refuse(refusal: LetterRefusal) -> None:
    """Keep why the letter is refused (the current letter, if any, stays as issued) and tell
    the trainee what to do, once per passport expiry date."""
    application = refusal.application
    with transaction.atomic():
        LetterRefusal.objects.update_or_create(
            application=application,
            defaults={
                "reason": refusal.reason,
                "passport_expires_on": refusal.passport_expires_on,
                "stay_ends_on": refusal.stay_ends_on,
                "valid_until_needed": refusal.valid_until_needed,
                "refused_at": timezone.now(),
            },
        )
        letter_refused(refusal)
    log.info("invitation letter refused for application %s: %s", application.pk, refusal.reason)


def refresh_letters_for(
    *,
    trainee_id: int | None = None,
    program_id: int | None = None,
    application_id: int | None = None,
    organisation_id: int | None = None,
) -> None:
    """After the trainee's, the program's, a placement's or the host's details changed: re-issue the
    letters of the accepted applications concerned (in the background, after commit;
    letters whose printed details did not change stay)."""
    accepted = Application.objects.filter(status=Application.Status.ACCEPTED)
    if application_id is not None:
        accepted = accepted.filter(pk=application_id)
    if organisation_id is not None:
        accepted = accepted.filter(program__organisation_id=organisation_id)
    if trainee_id is not None:
        accepted = accepted.filter(trainee_id=trainee_id)
    if program_id is not None:
        accepted = accepted.filter(program_id=program_id)
    ids = list(accepted.values_list("pk", flat=True))
    if ids:
        for pk in ids:
            enqueue_on_commit("letters.tasks.issue_letter", pk)
