"""Writes about personal data: exports, erasure requests and decisions, the notice."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import privacy_notice_accept
from core.errors import Refused
from core.files import delete_after_commit
from core.tasks import enqueue_on_commit
from privacy import erasure, export, notify
from privacy.models import ErasureRequest, PersonalDataExport, PrivacyEvent
from privacy.selectors import may_decide_erasure, open_erasure_request, organisations_applied_to


class PrivacyRefused(Refused):
    """A privacy request the rules do not allow."""


def _event(kind: str, subject, by=None, detail: str = "") -> PrivacyEvent:
    return PrivacyEvent.objects.create(kind=kind, subject=subject, by=by, detail=detail[:500])


@transaction.atomic
def export_request(*, user) -> PersonalDataExport:
    """Start making the person's ZIP in the background."""
    record = PersonalDataExport.objects.create(user=user)
    _event(PrivacyEvent.Kind.EXPORT_REQUESTED, user, user, f"export {record.pk}")
    enqueue_on_commit("privacy.tasks.make_export", record.pk)
    return record


def export_run(export_id: int) -> None:
    record = PersonalDataExport.objects.select_related("user").filter(pk=export_id).first()
    if record is None or record.done:
        return

    def progress(percent: int) -> None:
        PersonalDataExport.objects.filter(pk=record.pk).update(progress=min(percent, 99))

    try:
        export.build_zip(record, progress)
        PersonalDataExport.objects.filter(pk=record.pk).update(
            file=record.file.name,
            progress=100,
            finished_at=timezone.now(),
            expires_at=record.expires_at,
        )
    except Exception:  # the page says it failed; the log has the traceback
        PersonalDataExport.objects.filter(pk=record.pk).update(
            error=_("The export could not be made. Please try again."),
            finished_at=timezone.now(),
        )
        raise


def export_downloaded(*, record: PersonalDataExport, by) -> None:
    _event(PrivacyEvent.Kind.EXPORT_DOWNLOADED, record.user, by, f"export {record.pk}")


@transaction.atomic
def exports_expire(now=None) -> int:
    """Delete the exports whose time is over (rows now, files after commit)."""
    now = now or timezone.now()
    old = list(PersonalDataExport.objects.filter(expires_at__lte=now))
    for record in old:
        if record.file:
            delete_after_commit(record.file)
    PersonalDataExport.objects.filter(pk__in=[r.pk for r in old]).delete()
    return len(old)


@transaction.atomic
def erasure_request(*, user) -> ErasureRequest:
    if open_erasure_request(user) is not None:
        raise PrivacyRefused(_("You have already asked for your data to be erased."))
    try:
        with transaction.atomic():
            request = ErasureRequest.objects.create(subject=user)
    except IntegrityError:
        raise PrivacyRefused(_("You have already asked for your data to be erased.")) from None
    _event(PrivacyEvent.Kind.ERASURE_REQUESTED, user, user, f"request {request.pk}")
    notify.erasure_requested(request, organisations_applied_to(user))
    return request


@transaction.atomic
def erasure_cancel(*, user) -> None:
    request = open_erasure_request(user)
    if request is None or request.status != ErasureRequest.Status.REQUESTED:
        raise PrivacyRefused(_("There is no erasure request you can still cancel."))
    request.status = ErasureRequest.Status.CANCELLED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    _event(PrivacyEvent.Kind.ERASURE_CANCELLED, user, user, f"request {request.pk}")


def _lock_to_decide(request: ErasureRequest, by) -> ErasureRequest:
    request = (
        ErasureRequest.objects.select_for_update().select_related("subject").get(pk=request.pk)
    )
    if request.status != ErasureRequest.Status.REQUESTED:
        raise PrivacyRefused(_("This request has already been decided."))
    if not may_decide_erasure(by, request.subject):
        raise PrivacyRefused(
            _("Only a coordinator of an organisation this person applied to may decide.")
        )
    return request


@transaction.atomic
def erasure_confirm(*, request: ErasureRequest, by, reason: str) -> ErasureRequest:
    """No legal hold keeps the data: erase it in the background."""
    request = _lock_to_decide(request, by)
    if not reason.strip():
        raise PrivacyRefused(_("Say what you checked before confirming."))
    request.status = ErasureRequest.Status.CONFIRMED
    request.decided_by, request.decided_at, request.reason = by, timezone.now(), reason.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _event(PrivacyEvent.Kind.ERASURE_CONFIRMED, request.subject, by, f"request {request.pk}")
    enqueue_on_commit("privacy.tasks.erase", request.pk)
    return request


@transaction.atomic
def erasure_refuse(*, request: ErasureRequest, by, reason: str) -> ErasureRequest:
    """A legal hold keeps the data (e.g. an open dispute): the reason is told to the person."""
    request = _lock_to_decide(request, by)
    if not reason.strip():
        raise PrivacyRefused(_("Give the legal reason for keeping the data."))
    request.status = ErasureRequest.Status.REFUSED
    request.decided_by, request.decided_at, request.reason = by, timezone.now(), reason.strip()
    request.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    _event(PrivacyEvent.Kind.ERASURE_REFUSED, request.subject, by, f"request {request.pk}")
    notify.erasure_refused(request)
    return request


@transaction.atomic
def erasure_run(request_id: int) -> dict | None:
    """Erase the person of a confirmed request: all rows or none; files after commit."""
    request = ErasureRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None or request.status != ErasureRequest.Status.CONFIRMED:
        return None
    counts = erasure.erase_person(request.subject)
    request.status = ErasureRequest.Status.DONE
    request.completed_at = timezone.now()
    request.save(update_fields=["status", "completed_at"])
    detail = ", ".join(f"{key} {value}" for key, value in counts.items())
    _event(PrivacyEvent.Kind.ERASED, request.subject, request.decided_by, detail)
    return counts


def notice_accept(*, user) -> None:
    privacy_notice_accept(user=user)
