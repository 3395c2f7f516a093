from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from applications.models import Application
from core.http import safe_next
from hospitals.models import Supervisor
from placements import background, calendar, grid, selectors, services, suggestions
from placements.forms import PlanForm, activity_formset
from placements.models import CalendarFeed, Placement, TrainingPlan
from placements.plans import plan_save
from programs.models import RotationSite
from programs.selectors import program_for_coordinator


@coordinator_required
def schedule(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = program_for_coordinator(request.user, program_pk)
    if request.method == "POST":
        job = _schedule_action(request, program)
        if job is not None:  # a background job: its progress page
            return redirect("core:job", job.pk)
        return redirect("placements:schedule", program.pk)
    page = grid.schedule_page(
        program, query=request.GET.get("q", "").strip(), page=request.GET.get("page")
    )
    return render(request, "placements/schedule.html", {"grid": page})


def _schedule_action(request: HttpRequest, program):
    """Do the chosen change; returns the background job it started, if any."""
    action = request.POST.get("action", "")
    try:
        if action == "suggest":  # computed in the background, then reviewed as a plan
            return suggestions.suggest_start(program=program, by=request.user)
        elif action == "propose":
            if background.in_background(services.planned_of(program).count()):
                return background.propose_start(program=program, by=request.user)
            sent, problems = services.propose_planned(program=program, by=request.user)
            messages.success(
                request, _("%(count)s placement request(s) sent to supervisors.") % {"count": sent}
            )
            for problem in problems:
                messages.error(request, problem)
        elif action == "cell":
            application = get_object_or_404(
                Application, pk=request.POST.get("application"), program=program
            )
            site_pk = request.POST.get("site", "")
            site = get_object_or_404(RotationSite, pk=site_pk, program=program) if site_pk else None
            services.schedule_set_week(
                application=application,
                week_index=int(request.POST.get("week", "-1")),
                site=site,
                by=request.user,
            )
            messages.success(request, _("The schedule is updated."))
        elif action == "fellowship":
            application = get_object_or_404(
                Application, pk=request.POST.get("application"), program=program
            )
            supervisor = get_object_or_404(
                Supervisor,
                pk=request.POST.get("supervisor"),
                department__hospital__organisation=program.organisation,
            )
            services.fellowship_place(
                application=application, supervisor=supervisor, by=request.user
            )
            messages.success(request, _("The placement is planned; send it to the supervisor."))
        elif action == "cancel":
            placement = get_object_or_404(
                Placement, pk=request.POST.get("placement"), application__program=program
            )
            services.placement_remove(placement=placement, by=request.user)
            messages.success(request, _("The placement is removed."))
        else:
            messages.error(request, _("Choose an action."))
    except (services.PlacementRefused, PermissionDenied) as error:
        messages.error(request, str(error) or _("That change is not possible."))
    except ValueError:  # a malformed week, date or id in the form: never show its raw text
        messages.error(request, _("That change is not possible: a value was not understood."))
    return None


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The supervisor's pending requests, with the applicant's summary."""
    if request.method == "POST":
        chosen = Placement.objects.filter(
            pk__in=[pk for pk in request.POST.getlist("selected") if pk.isdigit()],
            supervisor__user=request.user,
        )
        count = chosen.count()
        if not count:
            messages.error(request, _("Choose the requests to approve."))
        elif background.in_background(count):
            ids = list(chosen.values_list("pk", flat=True))
            job = background.bulk_approve_start(placement_ids=ids, by=request.user)
            return redirect("core:job", job.pk)
        else:
            chosen = chosen.select_related("supervisor__user", "application__program")
            done, problems = services.bulk_approve(placements=list(chosen), by=request.user)
            messages.success(request, _("%(count)s placement(s) approved.") % {"count": done})
            for problem in problems:
                messages.error(request, problem)
        return redirect("placements:inbox")
    return render(
        request,
        "placements/inbox.html",
        {
            "pending": list(selectors.inbox(request.user)),
            "upcoming": list(selectors.supervised(request.user)[:50]),
            "feed": _feed_url(request),
        },
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for(request.user, pk)
    approve = request.POST.get("decision") == "approve"
    try:
        services.placement_decide(
            placement=placement,
            by=request.user,
            approve=approve,
            comment=request.POST.get("comment", ""),
        )
    except (services.PlacementRefused, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Approved.") if approve else _("Declined; the coordinator is told.")
        )
    return redirect("placements:inbox")


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The trainee's rotation: where, when, with whom, and the training plans."""
    return render(
        request,
        "placements/mine.html",
        {"placements": list(selectors.mine(request.user)), "feed": _feed_url(request)},
    )


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    placement = selectors.placement_for(request.user, pk)
    is_supervisor = bool(
        placement.supervisor_id and placement.supervisor.user_id == request.user.pk
    )
    training_plan = TrainingPlan.objects.filter(placement=placement).first()
    if not is_supervisor:
        if training_plan is None or (
            not training_plan.is_published and placement.application.trainee_id == request.user.pk
        ):
            raise Http404(_("The training plan is not shared yet."))
        return render(
            request, "placements/plan.html", {"placement": placement, "plan": training_plan}
        )
    form = PlanForm(request.POST or None, instance=training_plan)
    activities = activity_formset(request.POST or None, training_plan, placement)
    if request.method == "POST" and form.is_valid() and activities.is_valid():
        try:
            plan_save(
                placement=placement,
                by=request.user,
                summary=form.cleaned_data["summary"],
                activities=[f.cleaned_data for f in activities.forms if f.cleaned_data.get("kind")],
                publish="publish" in request.POST,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The training plan is saved."))
            return redirect("placements:plan", placement.pk)
    return render(
        request,
        "placements/plan_edit.html",
        {"placement": placement, "plan": training_plan, "form": form, "activities": activities},
    )


def _feed_url(request: HttpRequest) -> str:
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    return request.build_absolute_uri(f"/placements/calendar/{feed.token}.ics")


@login_required
@require_POST
def feed_reset(request: HttpRequest) -> HttpResponse:
    calendar.feed_reset(request.user)
    messages.success(request, _("Your calendar address is new; the old one no longer works."))
    return redirect(safe_next(request, "placements:mine"))


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The person's placements as iCalendar, behind the secret address (no sign-in: calendar
    apps cannot sign in)."""
    subscription = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if subscription is None:
        raise Http404
    response = HttpResponse(
        calendar.feed_for(subscription.user),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
