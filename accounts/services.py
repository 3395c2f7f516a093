"""Accounts domain: inviting colleagues and accepting invitations, and profile changes.

Views call these functions; every rule about who may invite whom, and what an invitation
grants, lives here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import INVITATION_VALIDITY, Invitation, User
from accounts.notify import INVITATION
from accounts.permissions import manages, require_coordinator
from accounts.signals import invitation_accepted
from notifications.services import notify

INVITATION_SALT = "accounts.invitation"


class InvitationUnavailable(Exception):
    """The invitation cannot be accepted; the message says why, for the person holding it."""


def invitation_token(invitation: Invitation) -> str:
    """The signed token in the e-mailed link. Tampering is detected by the signature; expiry
    and single use are checked against the database row."""
    return signing.dumps(invitation.pk, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a token points to, or None when the token was tampered with."""
    try:
        pk = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .prefetch_related("departments__hospital")
        .filter(pk=pk)
        .first()
    )


def _send_invitation(invitation: Invitation) -> None:
    """Queue the invitation mail in the outbox (sent after commit), in the invitee's language
    when they already have an account, otherwise in the inviting coordinator's."""
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    link = settings.PORTAL_URL + reverse(
        "accounts:invitation_accept", args=[invitation_token(invitation)]
    )
    notify(
        recipients=[invitee or invitation.email],
        kind=INVITATION.name,
        context={"invitation": invitation, "link": link},
        organisation=invitation.organisation,
        language=invitation.invited_by.language,
    )


@transaction.atomic
def invitation_create(
    *,
    invited_by: User,
    email: str,
    role: str,
    departments: Iterable = (),
    max_trainees: int = 2,
) -> Invitation:
    """A coordinator invites a colleague of their organisation by e-mail."""
    require_coordinator(invited_by)
    organisation = invited_by.coordinator_of
    email = (email or "").strip().lower()
    departments = list(departments)
    errors: dict[str, list[str]] = {}

    if role not in Invitation.Role.values:
        errors["role"] = [_("Choose coordinator or supervisor.")]
    foreign = [d for d in departments if d.hospital.organisation_id != organisation.pk]
    if foreign:
        errors["departments"] = [_("Choose departments of your own organisation's hospitals.")]
    elif role == Invitation.Role.SUPERVISOR and not departments:
        errors["departments"] = [_("A supervisor needs at least one department.")]
    if max_trainees is None or max_trainees < 1:
        errors["max_trainees"] = [_("A supervisor takes at least one trainee at a time.")]

    existing_user = User.objects.filter(email__iexact=email).first()
    if role == Invitation.Role.COORDINATOR and manages(existing_user, organisation.pk):
        errors["email"] = [_("This person already coordinates your organisation.")]
    open_invitation = Invitation.objects.filter(
        organisation=organisation,
        email__iexact=email,
        role=role,
        accepted_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()
    if open_invitation:
        errors["email"] = [
            _("An invitation to this address is already open. Resend it from the list below.")
        ]
    if errors:
        raise ValidationError(errors)

    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        max_trainees=max_trainees if role == Invitation.Role.SUPERVISOR else 2,
        invited_by=invited_by,
    )
    invitation.full_clean(exclude=["expires_at"])
    invitation.save()
    if role == Invitation.Role.SUPERVISOR:
        invitation.departments.set(departments)
    _send_invitation(invitation)
    return invitation


def _own_invitation(invitation: Invitation, user: User) -> None:
    require_coordinator(user)
    if invitation.organisation_id != user.coordinator_of_id:
        raise Invitation.DoesNotExist


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by: User) -> Invitation:
    """Send the link again with a fresh validity period."""
    _own_invitation(invitation, by)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted."))
    invitation.expires_at = timezone.now() + INVITATION_VALIDITY
    invitation.save(update_fields=["expires_at"])
    _send_invitation(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    """Withdraw an invitation that has not been accepted; its link stops working."""
    _own_invitation(invitation, by)
    if invitation.accepted_at:
        raise ValidationError(_("This invitation was already accepted and cannot be revoked."))
    invitation.delete()


def invitation_problem(invitation: Invitation, user: User | None = None) -> str | None:
    """Why this invitation cannot be accepted (by this user), or None when it can."""
    if invitation.accepted_at:
        return _("This invitation has already been used.")
    if invitation.is_expired:
        return _("This invitation has expired. Ask the coordinator who invited you to resend it.")
    if user is not None and user.email.lower() != invitation.email.lower():
        return _(
            "This invitation was sent to %(invited)s, but you are signed in as %(current)s. "
            "Sign out and sign in with the invited address."
        ) % {"invited": invitation.email, "current": user.email}
    if (
        user is not None
        and invitation.role == Invitation.Role.COORDINATOR
        and user.is_coordinator
        and not manages(user, invitation.organisation_id)
    ):
        return _("You already coordinate another organisation.")
    return None


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Invitation:
    """The invited person accepts: they become a coordinator of the organisation, or a
    supervisor in the chosen departments. Works once; a second click changes nothing."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    problem = invitation_problem(invitation, user)
    if problem:
        raise InvitationUnavailable(problem)
    if invitation.role == Invitation.Role.COORDINATOR:
        user.coordinator_of_id = invitation.organisation_id
        user.save(update_fields=["coordinator_of"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return invitation


@transaction.atomic
def profile_update(*, user: User, data: dict) -> User:
    """Change one's own names, language and time zone; validation errors save nothing."""
    for field in ("first_name", "last_name", "native_name", "language", "time_zone"):
        if field in data:
            value = data[field]
            setattr(user, field, value.strip() if isinstance(value, str) else value)
    user.full_clean(exclude=["password", "email", "coordinator_of"])
    user.save(update_fields=["first_name", "last_name", "native_name", "language", "time_zone"])
    return user


@transaction.atomic
def privacy_notice_accept(*, user: User) -> User:
    """Record that `user` accepted the current privacy notice (settings.PRIVACY_NOTICE_VERSION)."""
    user.privacy_notice_version = settings.PRIVACY_NOTICE_VERSION
    user.privacy_notice_accepted_at = timezone.now()
    user.save(update_fields=["privacy_notice_version", "privacy_notice_accepted_at"])
    return user
