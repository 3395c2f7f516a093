"""Training plans: written by the placement's supervisor, shared with the trainee when
published."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from placements.models import Placement, TrainingActivity, TrainingPlan
from placements.notify import plan_published


def plan_weeks(placement: Placement) -> int:
    return (placement.end_date - placement.start_date).days // 7 + 1


@transaction.atomic
def plan_save(
    *, placement: Placement, by: User, summary: str, activities: list[dict], publish: bool = False
) -> TrainingPlan:
    if not (placement.supervisor_id and placement.supervisor.user_id == by.pk):
        raise PermissionDenied(_("Only the placement's supervisor writes its training plan."))
    if placement.status in (Placement.Status.CANCELLED, Placement.Status.DECLINED):
        raise ValidationError(_("This placement is no longer going ahead."))
    last_week = plan_weeks(placement)
    for activity in activities:
        if not 1 <= activity["week"] <= last_week:
            raise ValidationError(
                _("Weeks run from 1 to %(last)s for this placement.") % {"last": last_week}
            )
    plan, _created = TrainingPlan.objects.select_for_update().get_or_create(placement=placement)
    plan.summary = summary.strip()
    first_publication = publish and plan.published_at is None
    if publish:
        plan.published_at = plan.published_at or timezone.now()
    plan.save()
    plan.activities.all().delete()
    TrainingActivity.objects.bulk_create(
        TrainingActivity(
            plan=plan, week=a["week"], kind=a["kind"], description=a.get("description", "")
        )
        for a in activities
    )
    if first_publication:
        plan_published(plan)
    return plan
