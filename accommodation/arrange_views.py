"""Housing decided by people: a bed assigned by hand, housing arranged outside the portal,
a proposal sent to its host, and the host's answer by a signed link (no account)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accommodation import hand, hosts, selectors, services
from accommodation.forms import AssignForm, HostAnswerForm, OutsideForm
from accommodation.views import _form_errors
from accounts.permissions import coordinator_required


@coordinator_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose any bed of the organisation; its hard constraints are shown, and assigning a
    bed that breaks one needs a reason."""
    housing = selectors.housing_request_for_coordinator(request.user, pk)
    beds = selectors.beds_for_coordinator(request.user)
    initial = {"start": housing.start, "end": housing.end, "bed": request.GET.get("bed")}
    form = AssignForm(request.POST or None, beds=beds, initial=initial)
    checks = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checks = hand.checks(housing, data["bed"], data["start"], data["end"])
        if "assign" in request.POST:
            try:
                hand.assign_by_hand(request=housing, by=request.user, **data)
            except (services.BedTaken, ValidationError) as error:
                if isinstance(error, ValidationError):
                    _form_errors(form, error)
                else:
                    form.add_error("bed", str(error))
            else:
                messages.success(request, _("The bed is assigned; the trainee and host are told."))
                return redirect("accommodation:matching", housing.application.program_id)
    return render(
        request,
        "accommodation/assign.html",
        {
            "housing": housing,
            "form": form,
            "checks": checks,
            "broken": any(not c.ok for c in checks),
        },
    )


@login_required
def outside(request: HttpRequest, application_pk: int) -> HttpResponse:
    """Record housing arranged outside the portal (the coordinators, or the trainee)."""
    application = selectors.application_for_housing(request.user, application_pk)
    form = OutsideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hand.arrange_outside(application=application, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The housing arranged outside the portal is recorded."))
            if application.trainee_id == request.user.pk:
                return redirect("accommodation:mine", application.pk)
            return redirect("accommodation:matching", application.program_id)
    return render(
        request,
        "accommodation/outside.html",
        {"application": application, "form": form, "recorded": selectors.outside_for(application)},
    )


@coordinator_required
@require_POST
def ask_host(request: HttpRequest, pk: int) -> HttpResponse:
    stay = selectors.stay_for_coordinator(request.user, pk)
    try:
        hosts.ask_host(stay=stay, by=request.user)
    except (services.BedTaken, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The host is asked by e-mail to accept or decline."))
    return redirect("accommodation:matching", stay.request.application.program_id)


def host_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The host's page: this proposal only (guest's first name, dates, hospitals)."""
    try:
        stay = hosts.stay_from_token(token)
    except hosts.HostLinkUnavailable as unavailable:
        context = {"reason": unavailable.reason}
        return render(request, "accommodation/host_link_unavailable.html", context, status=410)
    if stay is None:
        raise Http404
    form = HostAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note, decision = form.cleaned_data["note"], request.POST.get("decision")
        try:
            if decision == "accept":
                hosts.accept(stay, note=note)
            elif decision == "decline":
                hosts.decline(stay, note=note)
            else:
                raise Http404
        except (services.BedTaken, hosts.HostLinkUnavailable):
            context = {"reason": hosts.HostLinkUnavailable.ANSWERED}
            return render(request, "accommodation/host_link_unavailable.html", context, status=410)
        return render(request, "accommodation/host_thanks.html", {"decision": decision})
    context = {"proposal": hosts.proposal(stay), "form": form}
    return render(request, "accommodation/host_answer.html", context)
