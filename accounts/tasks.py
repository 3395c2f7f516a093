from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import Invitation, User


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email_message(
    *, subject: str, body: str, from_email: str | None, to: list[str], html: str | None = None
) -> None:
    """Deliver one rendered e-mail through Django's e-mail backend."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int) -> None:
    """Mail the signed invitation link, in the invitee's language when they already have an
    account, otherwise in the inviting coordinator's."""
    from accounts.services import invitation_token

    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .prefetch_related("departments__hospital")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:  # revoked or already accepted meanwhile: nothing to send
        return
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    language = (invitee.language if invitee else invitation.invited_by.language) or "en"
    link = settings.PORTAL_URL + reverse(
        "accounts:invitation_accept", args=[invitation_token(invitation)]
    )
    context = {"invitation": invitation, "link": link, "site_name": settings.SITE_NAME}
    with translation.override(language):
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_message.txt", context)
        html = render_to_string("accounts/email/invitation_message.html", context)
    send_email_message(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body=body,
        from_email=None,
        to=[invitation.email],
        html=html,
    )
