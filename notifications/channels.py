"""Delivery channels. In-app notifications are delivered by being written (the inbox reads
the rows); e-mail goes through Django's e-mail backend (console in the demo, SMTP from
EMAIL_URL in production) over one connection per batch."""

from __future__ import annotations

import contextlib
import smtplib
from types import TracebackType

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from notifications.models import Notification


class DeliveryError(Exception):
    def __init__(self, message: str, *, connection_lost: bool):
        super().__init__(message)
        self.connection_lost = connection_lost


class EmailTransport:
    """Sends outbox rows; each message's Message-ID is the row's UUID, so a duplicate (the
    one unavoidable window: killed after the server accepted, before the row was marked
    sent) is recognisable as the same message."""

    def __init__(self) -> None:
        self.connection = get_connection(fail_silently=False)
        self.opened = False

    def __enter__(self) -> EmailTransport:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.opened:
            with contextlib.suppress(Exception):  # closing a broken connection: best effort
                self.connection.close()

    def message(self, row: Notification) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=settings.NOTIFICATIONS_SUBJECT_PREFIX + row.subject,
            body=row.body_text,
            to=[row.to_email],
            headers={"Message-ID": row.message_id, "X-Portal-Notification": row.kind},
            connection=self.connection,
        )
        if row.body_html:
            message.attach_alternative(row.body_html, "text/html")
        return message

    def send(self, row: Notification) -> None:
        try:
            if not self.opened:
                self.connection.open()
                self.opened = True
            self.message(row).send()
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError(f"recipient refused: {error}", connection_lost=False) from error
        except smtplib.SMTPDataError as error:
            raise DeliveryError(f"message refused: {error}", connection_lost=False) from error
        except (smtplib.SMTPException, OSError) as error:
            self.opened = False
            raise DeliveryError(f"{type(error).__name__}: {error}", connection_lost=True) from error
