"""Referee and nomination letters: the applicant names a referee, who uploads a letter
through a signed, single-use link valid for a limited time (no account needed); the
coordinator downloads it through a permission check that is recorded."""

from __future__ import annotations

import ipaddress
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import manages_program
from applications.models import (
    REFEREE_LINK_VALIDITY,
    Application,
    LetterDownload,
    RefereeRequest,
    letter_path,
)
from applications.notify import referee_letter_received, referee_requested
from core.uploads import clean_uploaded_pdf

S = Application.Status

REFEREE_SALT = "applications.referee"
REFEREE_MAX_PER_APPLICATION = 3
# A trainee may send the same referee the link again once a day (or as soon as it expired):
# the referee is a third party whose inbox we do not flood.
REFEREE_RESEND_AFTER = timedelta(days=1)
# Until a decision is made, letters can still help the application.
REFEREE_OPEN_STATUSES = (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED)


class RefereeLinkUnavailable(Exception):
    """The upload link cannot be used any more: `reason` is USED or EXPIRED."""

    USED, EXPIRED = "used", "expired"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def referee_token(request: RefereeRequest) -> str:
    """The signed token in the e-mailed link. Tampering is detected by the signature; expiry
    and single use are checked against the database row."""
    return signing.dumps(request.pk, salt=REFEREE_SALT)


def referee_request_from_token(token: str) -> RefereeRequest | None:
    """The request a token points to, or None when the token was tampered with."""
    try:
        pk = signing.loads(token, salt=REFEREE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return (
        RefereeRequest.objects.select_related(
            "application__program__organisation", "application__trainee"
        )
        .filter(pk=pk)
        .first()
    )


def referee_link_problem(request: RefereeRequest) -> str:
    """Why the upload link cannot be used (RefereeLinkUnavailable.USED or .EXPIRED), or ""."""
    if request.received_at is not None:
        return RefereeLinkUnavailable.USED
    if request.is_expired:
        return RefereeLinkUnavailable.EXPIRED
    return ""


def referee_upload_url(request: RefereeRequest) -> str:
    return settings.PORTAL_URL + reverse(
        "applications:referee_upload", args=[referee_token(request)]
    )


# Providers that deliver one mailbox under two domain names.
SAME_MAILBOX_DOMAINS = {"googlemail.com": "gmail.com"}


def mailbox(address: str) -> tuple[str, str]:
    """The mailbox an address reaches, as far as the applicant can vary it: case, dots in
    the local part (Gmail ignores them; we ignore them for every domain, since a referee
    whose address differs from the applicant's only by dots is far rarer than an applicant
    trying it) and a "+tag" suffix. ("Ann.Lee+ref@Example.org" -> ("annlee", "example.org"))."""
    local, _at, domain = (address or "").strip().lower().rpartition("@")
    local = local.split("+", 1)[0].replace(".", "")
    domain = domain.rstrip(".")
    return local, SAME_MAILBOX_DOMAINS.get(domain, domain)


def applicant_mailboxes(user: User) -> set[tuple[str, str]]:
    """Every mailbox of the applicant's account: its address and every address added to it
    (allauth's EmailAddress, verified or not)."""
    addresses = {user.email or ""} | set(
        EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    )
    return {mailbox(address) for address in addresses if address}


def _lock_application_for_referees(application: Application, by: User) -> Application:
    """The trainee's application, locked (so the limit holds against a double click), while
    letters can still help it."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("program__organisation", "trainee")
        .get(pk=application.pk)
    )
    if locked.trainee_id != by.pk:
        raise PermissionDenied
    if locked.status not in REFEREE_OPEN_STATUSES:
        raise ValidationError(
            _("Referees can only be asked for letters until a decision on the application.")
        )
    return locked


def referee_request_create(
    *,
    application: Application,
    by: User,
    kind: str,
    name: str,
    email: str,
    organisation: str = "",
) -> RefereeRequest:
    """The applicant names a referee or nominating officer; they are mailed a link to upload
    their letter (valid 14 days, once). At most three per application, one per address."""
    with transaction.atomic():
        locked = _lock_application_for_referees(application, by)
        name, organisation = (name or "").strip(), (organisation or "").strip()
        email = (email or "").strip().lower()
        errors: dict[str, list[str]] = {}
        if kind not in RefereeRequest.Kind.values:
            errors["kind"] = [_("Choose referee or nominating officer.")]
        if not name:
            errors["name"] = [_("Give the name of the person who writes the letter.")]
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address.")]
        else:
            if mailbox(email) in applicant_mailboxes(locked.trainee):
                errors["email"] = [
                    _(
                        "This address is yours (or a variant of one of your addresses): the "
                        "letter must come from the referee, at their own address."
                    )
                ]
        existing = list(locked.referee_requests.values_list("email", flat=True))
        if len(existing) >= REFEREE_MAX_PER_APPLICATION:
            raise ValidationError(
                _("An application can name at most %(count)s referees.")
                % {"count": REFEREE_MAX_PER_APPLICATION}
            )
        if "email" not in errors and mailbox(email) in {mailbox(other) for other in existing}:
            errors["email"] = [
                _("You already asked this person. Send the link again from the list instead.")
            ]
        if errors:
            raise ValidationError(errors)
        referee = RefereeRequest(
            application=locked, kind=kind, name=name, email=email, organisation=organisation
        )
        referee.full_clean(exclude=["expires_at", "letter", "application"])
        referee.save()
        referee_requested(referee, link=referee_upload_url(referee))
    return referee


def referee_request_resend(*, request: RefereeRequest, by: User) -> RefereeRequest:
    """Mail the link again with a fresh validity period (after it expired, or at most once a
    day), while the letter has not come."""
    with transaction.atomic():
        locked_application = _lock_application_for_referees(request.application, by)
        referee = RefereeRequest.objects.select_for_update(of=("self",)).get(
            pk=request.pk, application=locked_application
        )
        referee.application = locked_application
        if referee.received_at is not None:
            raise ValidationError(_("This letter has already arrived."))
        now = timezone.now()
        if not referee.is_expired and now < referee.requested_at + REFEREE_RESEND_AFTER:
            raise ValidationError(
                _("The link was sent less than a day ago. You can send it again tomorrow.")
            )
        referee.requested_at = now
        referee.expires_at = now + REFEREE_LINK_VALIDITY
        referee.save(update_fields=["requested_at", "expires_at"])
        referee_requested(referee, link=referee_upload_url(referee))
    return referee


def _clean_letter(file) -> None:
    """A PDF (by its content, not its name) within UPLOAD_MAX_BYTES; errors for the field."""
    if not file:
        raise ValidationError({"letter": [_("Choose the letter to upload (a PDF file).")]})
    max_bytes = settings.UPLOAD_MAX_BYTES
    if file.size > max_bytes:
        raise ValidationError(
            {
                "letter": [
                    _("The file is too large: at most %(megabytes)s MB.")
                    % {"megabytes": max_bytes // 2**20}
                ]
            }
        )
    try:
        clean_uploaded_pdf(file)
    except ValidationError as error:
        # Its "not a PDF" message speaks of an agreement; say what is expected here.
        messages = (
            [_("Upload the letter as a PDF file.")] if error.code == "not_pdf" else error.messages
        )
        raise ValidationError({"letter": messages}) from None


def _clean_ip(ip: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((ip or "").strip()))
    except ValueError:
        return None


def referee_letter_upload(
    *, request: RefereeRequest, file, ip: str | None = None, user_agent: str = ""
) -> RefereeRequest:
    """The referee uploads their letter through the link: once, before it expires, a PDF.
    The applicant is told it came (not shown it); the coordinators are told to read it, and
    see the address and browser it came from (`ip`, `user_agent`).

    The file is written to storage inside the transaction; if anything fails before the
    commit, the stored file is deleted again, so a refused or failed upload leaves nothing.
    """
    _clean_letter(file)
    stored = None
    committed = False

    def mark_committed() -> None:
        nonlocal committed
        committed = True

    try:
        with transaction.atomic():
            transaction.on_commit(mark_committed)
            referee = (
                RefereeRequest.objects.select_for_update(of=("self",))
                .select_related("application__program__organisation", "application__trainee")
                .get(pk=request.pk)
            )
            problem = referee_link_problem(referee)
            if problem:
                raise RefereeLinkUnavailable(problem)
            referee.letter.save(letter_path(referee, file.name or ""), file, save=False)
            stored = (referee.letter.storage, referee.letter.name)
            referee.received_at = timezone.now()
            referee.uploaded_from_ip = _clean_ip(ip)
            referee.uploaded_user_agent = (user_agent or "")[:300]
            referee.save(
                update_fields=["letter", "received_at", "uploaded_from_ip", "uploaded_user_agent"]
            )
            referee_letter_received(referee)
    except BaseException:
        if stored is not None and not committed:
            storage, name = stored
            storage.delete(name)
        raise
    return referee


def letter_download_record(*, request: RefereeRequest, by: User, ip: str | None) -> LetterDownload:
    """Audit one download of a letter by a coordinator of the host organisation."""
    if not manages_program(by, request.application.program):
        raise PermissionDenied
    return LetterDownload.objects.create(request=request, by=by, ip=_clean_ip(ip))
