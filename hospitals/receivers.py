"""Hospitals listen to accounts (which never import hospitals). Connected in
HospitalsConfig.ready(); run inside the transaction of the change."""

from django.dispatch import receiver

from accounts.models import Invitation, User
from accounts.signals import invitation_accepted
from hospitals.models import Supervisor


@receiver(invitation_accepted, sender=Invitation, dispatch_uid="hospitals.invitation")
def supervisor_from_invitation(*, invitation: Invitation, user: User, **_kwargs) -> None:
    """A supervisor invitee supervises in the invitation's departments (once each)."""
    if invitation.role != Invitation.Role.SUPERVISOR:
        return
    for department in invitation.departments.all():
        Supervisor.objects.get_or_create(
            user=user, department=department, defaults={"max_trainees": invitation.max_trainees}
        )
