"""Applications answer the questions lower apps ask (they never import applications).
Connected in ApplicationsConfig.ready()."""

from django.dispatch import receiver

from accounts.models import User
from applications.models import Application
from trainees.models import TraineeProfile
from trainees.selectors import COORDINATOR_ACCESS
from trainees.signals import trainee_access_asked


@receiver(trainee_access_asked, sender=TraineeProfile, dispatch_uid="applications.access")
def coordinator_of_an_application(*, user: User, trainee_id: int, **_kwargs) -> str | None:
    """Coordinators see the profile and documents of people who applied (beyond a draft)
    to one of their organisation's programs."""
    if not user.is_coordinator:
        return None
    applied = (
        Application.objects.filter(
            trainee_id=trainee_id, program__organisation_id=user.coordinator_of_id
        )
        .exclude(status=Application.Status.DRAFT)
        .exists()
    )
    return COORDINATOR_ACCESS if applied else None
