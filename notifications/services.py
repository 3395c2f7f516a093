"""The notifications domain: `notify()` writes the outbox inside the caller's transaction;
`deliver()` claims rows and sends them; `sweep()` re-enqueues what a broker outage or a dead
worker left behind; `send_digests()` groups digest items into one mail.

Guarantees (see docs in README, "Notifications"):
- rows commit with the change that caused them, or not at all;
- a row is claimed by one delivery at a time (row lock + status change), so a sent row is never
  sent again; the only possible duplicate is a worker killed after the SMTP server accepted the
  message and before the row was marked sent, and it carries the same Message-ID;
- publishing to Celery happens after commit and may fail (Redis down) without failing the
  user's action: the sweeper finds the pending rows later.
"""

from __future__ import annotations

import logging
import zoneinfo
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from core.tasks import send_task_now
from notifications import channels
from notifications.kinds import DIGEST
from notifications.models import Notification, Preference
from notifications.registry import EMAIL, IN_APP, Kind, get_kind

logger = logging.getLogger(__name__)

N = Notification
ST = Notification.Status


# --- Writing the outbox --------------------------------------------------------------


@dataclass(frozen=True)
class _Addressee:
    user: User | None
    email: str
    language: str
    time_zone: str


def _addressee(recipient: User | str, language: str | None) -> _Addressee:
    if isinstance(recipient, User):
        return _Addressee(
            user=recipient,
            email=recipient.email,
            language=recipient.language or settings.LANGUAGE_CODE,
            time_zone=recipient.time_zone or "UTC",
        )
    return _Addressee(
        user=None,
        email=str(recipient).strip().lower(),
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        time_zone="UTC",
    )


_html_templates: dict[str, bool] = {}


def _has_template(name: str) -> bool:
    if name not in _html_templates or settings.DEBUG:
        try:
            get_template(name)
            _html_templates[name] = True
        except TemplateDoesNotExist:
            _html_templates[name] = False
    return _html_templates[name]


def render(kind: Kind, context: dict, language: str, time_zone: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a kind, in a language and time zone."""
    full = {"site_name": settings.SITE_NAME, "portal_url": settings.PORTAL_URL, **context}
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo(time_zone)):
        subject = get_template(f"{kind.template}_subject.txt").render(full)
        text = get_template(f"{kind.template}.txt").render(full)
        html_name = f"{kind.template}.html"
        html = get_template(html_name).render(full) if _has_template(html_name) else ""
    return " ".join(subject.split())[:300], text, html


def _modes(kind: Kind, users: Sequence[User]) -> dict[int, str]:
    if not kind.optional or not users:
        return {}
    return dict(
        Preference.objects.filter(user__in=users, kind=kind.name).values_list("user_id", "mode")
    )


def notify(
    *,
    recipients: Iterable[User | str],
    kind: str,
    context: dict | None = None,
    dedupe_key: str = "",
    link: str = "",
    organisation: Organisation | None = None,
    language: str | None = None,
) -> list[Notification]:
    """Tell people something happened: one outbox row per recipient and channel, rendered in
    each recipient's language and time zone, written in the caller's transaction. E-mail is
    handed to Celery only after the transaction commits; if it rolls back, nothing is sent.

    `recipients` are users, or bare e-mail addresses (people without an account yet; they
    get `language`). With a `dedupe_key` (e.g. "offer-expiring:offer:12:3d"), a recipient gets
    the notification once per channel however often this is called. Returns the new rows.
    """
    spec = get_kind(kind)
    context = {"link": link, **(context or {})}
    addressees: dict[str, _Addressee] = {}
    for recipient in recipients:
        if recipient in (None, ""):
            continue
        addressee = _addressee(recipient, language)
        addressees.setdefault(addressee.email, addressee)
    if not addressees:
        return []
    users = [a.user for a in addressees.values() if a.user is not None]
    modes = _modes(spec, users)
    rendered: dict[tuple[str, str], tuple[str, str, str]] = {}
    now = timezone.now()
    rows: list[Notification] = []
    for addressee in addressees.values():
        key = (addressee.language, addressee.time_zone)
        if key not in rendered:
            rendered[key] = render(spec, context, *key)
        subject, text, html = rendered[key]
        common = {
            "kind": spec.name,
            "recipient": addressee.user,
            "to_email": addressee.email,
            "organisation": organisation,
            "language": addressee.language,
            "subject": subject,
            "body_text": text,
            "body_html": html,
            "link": link,
            "dedupe_key": dedupe_key,
            "created_at": now,
            "due_at": now,
        }
        if IN_APP in spec.channels and addressee.user is not None:
            rows.append(N(channel=N.Channel.IN_APP, status=ST.SENT, sent_at=now, **common))
        if EMAIL in spec.channels:
            mode = modes.get(addressee.user.pk, spec.default_mode) if addressee.user else None
            mode = mode or Preference.Mode.IMMEDIATE
            if mode == Preference.Mode.OFF:
                continue
            status = ST.DIGEST if mode == Preference.Mode.DIGEST else ST.PENDING
            rows.append(N(channel=N.Channel.EMAIL, status=status, **common))
    created = _insert(rows, dedupe=bool(dedupe_key))
    to_send = [row.pk for row in created if row.status == ST.PENDING]
    if to_send:
        transaction.on_commit(lambda: enqueue(to_send))
    return created


def _insert(rows: list[Notification], *, dedupe: bool) -> list[Notification]:
    if not dedupe:
        return N.objects.bulk_create(rows)
    created = []
    for row in rows:
        exists = N.objects.filter(
            dedupe_key=row.dedupe_key, channel=row.channel, to_email=row.to_email
        ).exists()
        if exists:
            continue
        try:
            with transaction.atomic():  # a savepoint: a concurrent twin loses quietly
                row.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(row)
    return created


def enqueue(ids: Sequence[int]) -> bool:
    """Hand rows to Celery in batches. Never raises: if the broker is unreachable the rows
    stay pending and the sweeper sends them later. Returns whether everything was queued."""
    size = settings.NOTIFICATIONS_BATCH_SIZE
    for start in range(0, len(ids), size):
        batch = list(ids[start : start + size])
        try:
            send_task_now("notifications.tasks.deliver", batch)
        except Exception:  # the broker is down: the database keeps the truth
            logger.warning(
                "notifications: could not queue %d row(s); the sweeper will retry",
                len(ids) - start,
                exc_info=True,
            )
            return False
    return True


# --- Delivering ------------------------------------------------------------------------


@dataclass
class DeliveryResult:
    sent: list[int] = field(default_factory=list)
    retry: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    retry_in: float = 0.0


def backoff(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones: exponential, capped."""
    base = settings.NOTIFICATIONS_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), settings.NOTIFICATIONS_RETRY_MAX_SECONDS)


def claim(ids: Sequence[int]) -> list[Notification]:
    """Take pending e-mail rows for sending. A row locked or already taken by another
    delivery is skipped, so one row is never sent by two deliveries at once."""
    now = timezone.now()
    with transaction.atomic():
        mine = list(
            N.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(ids), channel=N.Channel.EMAIL, status=ST.PENDING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not mine:
            return []
        N.objects.filter(pk__in=mine).update(
            status=ST.SENDING, attempts=F("attempts") + 1, claimed_at=now
        )
    return list(N.objects.filter(pk__in=mine).order_by("pk"))


def deliver(ids: Sequence[int]) -> DeliveryResult:
    """Send the given e-mail rows that are still pending, over one SMTP connection."""
    result = DeliveryResult()
    rows = claim(ids)
    if not rows:
        return result
    with channels.EmailTransport() as transport, _asynchronous_commit():
        for index, row in enumerate(rows):
            try:
                transport.send(row)
            except channels.DeliveryError as error:
                remaining = rows[index:] if error.connection_lost else [row]
                _release(remaining, str(error), result)
                if error.connection_lost:
                    break
                continue
            _mark_sent(row.pk)
            result.sent.append(row.pk)
    return result


# The table name comes from the model; every value is a parameter.
_MARK_SENT = (
    f"UPDATE {N._meta.db_table} SET status = %s, sent_at = %s, last_error = '' "  # noqa: S608
    "WHERE id = %s AND status = %s"
)


def _mark_sent(pk: int) -> None:
    """The hot path of delivery, one row right after its message was accepted (so a crash
    can re-send at most the message in flight), in plain SQL: the ORM's query building
    cost as much as the update itself."""
    with connection.cursor() as cursor:
        cursor.execute(_MARK_SENT, [ST.SENT, timezone.now(), pk, ST.SENDING])


@contextmanager
def _asynchronous_commit() -> Iterator[None]:
    """On PostgreSQL, commit the "sent" marks without waiting for the disk flush. If the
    database server itself crashes, the last few hundred milliseconds of marks can be lost
    and those messages are sent again by the sweeper, with the same Message-ID. In exchange
    delivery does not wait for an fsync per message."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _release(rows: Sequence[Notification], error: str, result: DeliveryResult) -> None:
    now = timezone.now()
    for row in rows:
        if row.attempts >= settings.NOTIFICATIONS_MAX_ATTEMPTS:
            N.objects.filter(pk=row.pk, status=ST.SENDING).update(
                status=ST.FAILED, last_error=error[:2000]
            )
            result.failed.append(row.pk)
            logger.error("notifications: %s failed after %d attempts", row.pk, row.attempts)
        else:
            wait = backoff(row.attempts)
            N.objects.filter(pk=row.pk, status=ST.SENDING).update(
                status=ST.PENDING, due_at=now + timedelta(seconds=wait), last_error=error[:2000]
            )
            result.retry.append(row.pk)
            result.retry_in = max(result.retry_in, wait)


def sweep(now: datetime | None = None) -> int:
    """Re-enqueue e-mail that should have gone out by now: pending rows due for longer than
    NOTIFICATIONS_SWEEP_AFTER (the broker was down, or the queue lost the message), and rows
    stuck in "sending" for longer than NOTIFICATIONS_SENDING_STALE_AFTER (their worker died;
    the task time limit guarantees no live worker holds a row that long). Returns how many."""
    now = now or timezone.now()
    stale = now - settings.NOTIFICATIONS_SENDING_STALE_AFTER
    stuck = N.objects.filter(channel=N.Channel.EMAIL, status=ST.SENDING, claimed_at__lt=stale)
    stuck.filter(attempts__gte=settings.NOTIFICATIONS_MAX_ATTEMPTS).update(
        status=ST.FAILED, last_error=_("Delivery was interrupted too many times.")
    )
    stuck.update(status=ST.PENDING, due_at=now)
    cutoff = now - settings.NOTIFICATIONS_SWEEP_AFTER
    ids = list(
        N.objects.filter(channel=N.Channel.EMAIL, status=ST.PENDING, due_at__lte=cutoff)
        .order_by("due_at")
        .values_list("pk", flat=True)[: settings.NOTIFICATIONS_SWEEP_LIMIT]
    )
    if ids:
        # Not swept again before another NOTIFICATIONS_SWEEP_AFTER has passed.
        N.objects.filter(pk__in=ids, status=ST.PENDING).update(due_at=now)
        enqueue(ids)
    return len(ids)


# --- Digest ----------------------------------------------------------------------------


def send_digests(now: datetime | None = None) -> int:
    """Group each person's waiting digest items into one mail. Returns the mails made."""
    now = now or timezone.now()
    made = 0
    users = (
        N.objects.filter(channel=N.Channel.EMAIL, status=ST.DIGEST, recipient__isnull=False)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    for user in User.objects.filter(pk__in=list(users)):
        with transaction.atomic():
            items = list(
                N.objects.select_for_update(skip_locked=True)
                .filter(recipient=user, channel=N.Channel.EMAIL, status=ST.DIGEST)
                .order_by("created_at", "pk")
            )
            if not items:
                continue
            (digest,) = notify(
                recipients=[user],
                kind=DIGEST.name,
                context={"items": items, "user": user, "count": len(items)},
                link="/notifications/",
            )
            N.objects.filter(pk__in=[item.pk for item in items]).update(
                status=ST.DIGESTED, digest=digest, sent_at=now
            )
            made += 1
    return made


# --- Inbox, preferences, failed deliveries ---------------------------------------------


def mark_read(*, notification: Notification, user: User) -> None:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        N.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())


def mark_all_read(*, user: User) -> int:
    return N.objects.filter(recipient=user, channel=N.Channel.IN_APP, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preference_set(*, user: User, kind: str, mode: str) -> Preference:
    spec = get_kind(kind)
    if mode not in Preference.Mode.values:
        raise ValidationError({"mode": [_("Choose immediately, daily digest or off.")]})
    if not spec.optional and mode != Preference.Mode.IMMEDIATE:
        raise ValidationError({"mode": [_("This notification cannot be switched off.")]})
    preference, _created = Preference.objects.update_or_create(
        user=user, kind=spec.name, defaults={"mode": mode}
    )
    return preference


def failed_visible_to(user: User) -> QuerySet[Notification]:
    """Failed e-mail a person may see and retry: a coordinator sees their organisation's,
    staff see all."""
    qs = N.objects.filter(channel=N.Channel.EMAIL, status=ST.FAILED)
    if user.is_staff:
        return qs
    if user.is_coordinator:
        return qs.filter(
            Q(organisation_id=user.coordinator_of_id)
            | Q(recipient__coordinator_of_id=user.coordinator_of_id)
        )
    return qs.none()


def retry_failed(*, notification: Notification, by: User) -> Notification:
    """Send a failed e-mail again (after the mail server was fixed, say)."""
    if not failed_visible_to(by).filter(pk=notification.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        changed = N.objects.filter(pk=notification.pk, status=ST.FAILED).update(
            status=ST.PENDING, attempts=0, due_at=timezone.now()
        )
        if changed:
            transaction.on_commit(lambda: enqueue([notification.pk]))
    notification.refresh_from_db()
    return notification
