"""Placements listen to applications (which never import placements): an offer waits for
every approval; acceptance confirms the schedule; an application that ends releases it.
Connected in PlacementsConfig.ready(); run inside the application's transaction."""

from django.dispatch import receiver
from django.utils.translation import gettext as _

from accounts.models import User
from applications.models import Application
from applications.services import TransitionNotAllowed
from applications.signals import application_status_changed, offer_requested
from placements import services
from placements.models import Placement
from trainees.models import TraineeProfile
from trainees.selectors import ALL_DOCUMENT_TYPES, SUPERVISOR_ACCESS, Access
from trainees.signals import trainee_access_asked


@receiver(offer_requested, sender=Application, dispatch_uid="placements.offer_requested")
def offer_waits_for_approvals(*, application: Application, **_kwargs) -> None:
    if not services.schedule_approved(application):
        raise TransitionNotAllowed(
            _(
                "An offer goes out only when every placement of the trainee's schedule is "
                "approved by its supervisor. Plan the schedule and wait for the approvals."
            )
        )


@receiver(application_status_changed, sender=Application, dispatch_uid="placements.moved")
def placements_follow_application(*, application: Application, to: str, **_kwargs) -> None:
    services.on_application_moved(application, to)


@receiver(trainee_access_asked, sender=TraineeProfile, dispatch_uid="placements.access")
def supervisor_of_a_placement(*, user: User, trainee_id: int, **_kwargs) -> Access | None:
    """The supervisor of a placement sent to them (not planned, not cancelled) sees the
    trainee's profile, and of their documents only the types the program shows to
    supervisors (Program.documents_for_supervisors)."""
    shown = (
        Placement.objects.filter(application__trainee_id=trainee_id, supervisor__user=user)
        .exclude(status__in=[Placement.Status.PLANNED, Placement.Status.CANCELLED])
        .values_list("application__program__documents_for_supervisors", flat=True)
    )
    lists = list(shown)
    if not lists:
        return None
    types = frozenset(code for codes in lists for code in (codes or []))
    return Access(SUPERVISOR_ACCESS, types & ALL_DOCUMENT_TYPES)
