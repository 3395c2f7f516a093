"""Applications answer the questions lower apps ask (they never import applications).
Connected in ApplicationsConfig.ready()."""

from datetime import timedelta

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import User
from applications.models import Application, StatusChange
from trainees.models import TraineeProfile
from trainees.selectors import COORDINATOR_ACCESS, Access
from trainees.signals import trainee_access_asked

S = Application.Status
# Closed: no decision is pending on it any more (the organisation keeps the documents for
# DOCUMENT_ACCESS_AFTER_CLOSE_DAYS after, for questions and appeals, then loses them).
CLOSED_STATUSES = (S.REJECTED, S.WITHDRAWN, S.DECLINED, S.EXPIRED)


def open_or_recently_closed(applications, *, now=None):
    """The applications (beyond a draft) whose documents their organisation still sees:
    open ones (submitted .. accepted), and closed ones whose closing move (the latest
    StatusChange into the current status; the last update when the history lacks it) is
    at most DOCUMENT_ACCESS_AFTER_CLOSE_DAYS old."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DOCUMENT_ACCESS_AFTER_CLOSE_DAYS)
    closing_move = (
        StatusChange.objects.filter(application=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    return (
        applications.exclude(status=S.DRAFT)
        .annotate(closed_at=Coalesce(Subquery(closing_move), "updated_at"))
        .filter(~Q(status__in=CLOSED_STATUSES) | Q(closed_at__gte=cutoff))
    )


@receiver(trainee_access_asked, sender=TraineeProfile, dispatch_uid="applications.access")
def coordinator_of_an_application(*, user: User, trainee_id: int, **_kwargs) -> Access | None:
    """Coordinators see the profile and every document of people who applied (beyond a
    draft) to one of their organisation's programs, while the application is open and for
    the retention period after it closed."""
    if not user.is_coordinator:
        return None
    applications = Application.objects.filter(
        trainee_id=trainee_id, program__organisation_id=user.coordinator_of_id
    )
    return Access(COORDINATOR_ACCESS) if open_or_recently_closed(applications).exists() else None
