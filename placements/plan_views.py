"""The suggestion, as a plan: the coordinator who asked for it reviews it, applies it (all or
nothing; in the background when large) or discards it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from placements import background, suggestions
from placements.models import SchedulePlan


@coordinator_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    plan = suggestions.plan_for(request.user, pk)
    changes = suggestions.plan_changes(plan)
    context = {
        "plan": plan,
        "changes": changes,
        "trainees": sum(1 for change in changes if change.runs),
        "ready": plan.status == SchedulePlan.Status.READY,
    }
    return render(request, "placements/schedule_plan.html", context)


@coordinator_required
@require_POST
def plan_apply(request: HttpRequest, pk: int) -> HttpResponse:
    plan = suggestions.plan_for(request.user, pk)
    try:
        if background.in_background(len(plan.cells)):
            job = suggestions.plan_apply_start(plan=plan, by=request.user)
            return redirect("core:job", job.pk)
        written = suggestions.plan_apply(plan=plan, by=request.user)
    except (suggestions.PlacementRefused, PermissionDenied) as error:
        messages.error(request, str(error))
        return redirect("placements:plan_review", plan.pk)
    messages.success(
        request,
        _("Suggestion applied: %(count)s week(s) planned. Review, then send to the supervisors.")
        % {"count": written},
    )
    return redirect("placements:schedule", plan.program_id)


@coordinator_required
@require_POST
def plan_discard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = suggestions.plan_for(request.user, pk)
    suggestions.plan_discard(plan=plan, by=request.user)
    messages.success(request, _("The suggestion is discarded; nothing was changed."))
    return redirect("placements:schedule", plan.program_id)
