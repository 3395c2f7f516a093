"""Travel pages: an application's visa, arrival and pickup (the trainee and the program's
coordinators), visa lead times (coordinators), the pickup person's signed link and, for a
pickup person with an account, their pickups."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required, manages_program
from core.files import open_private, private_file_response
from travel import selectors, services
from travel.forms import ArrivalForm, LeadTimeForm, PickupAnswerForm, PickupForm, VisaForm
from travel.models import VisaLeadTime


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _arrival_initial(arrival) -> dict:
    if arrival is None:
        return {"mode": "flight"}
    local = arrival.local_arrival
    return {
        "mode": arrival.mode,
        "flight_number": arrival.flight_number,
        "airport": arrival.airport,
        "place": arrival.place,
        "day": local.date(),
        "clock": local.time(),
        "pickup_requested": arrival.pickup_requested,
        "meeting_point": arrival.meeting_point,
    }


def _page(request: HttpRequest, application, **bound) -> HttpResponse:
    visa, arrival, pickup = (
        selectors.related(application, n) for n in ("visa", "arrival", "pickup")
    )
    today = application.program.organisation.today()
    state = selectors.travel_state(application, today=today, leads=selectors.all_lead_times())
    coordinator = manages_program(request.user, application.program)
    context = {
        "application": application,
        "visa": visa,
        "history": visa.changes.select_related("by") if visa and visa.pk else [],
        "arrival": arrival,
        "pickup": pickup,
        "state": state,
        "is_coordinator": coordinator,
        "editable": application.status == application.Status.ACCEPTED,
        "visa_form": bound.get("visa_form") or VisaForm(instance=visa),
        "arrival_form": bound.get("arrival_form") or ArrivalForm(initial=_arrival_initial(arrival)),
        "pickup_form": bound.get("pickup_form") or PickupForm(instance=pickup),
    }
    return render(request, "travel/detail.html", context, status=400 if bound else 200)


@login_required
def detail(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = selectors.application_for_travel(request.user, application_pk)
    return _page(request, application)


def _save(request, application, form, form_name: str, save, done: str) -> HttpResponse:
    """The three travel forms: the service saves the valid form (its refusal shown on the
    form, nothing lost), then back to the travel page."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("travel:detail", application.pk)
    return _page(request, application, **{form_name: form})


@login_required
@require_POST
def visa_edit(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = selectors.application_for_travel(request.user, application_pk)
    return _save(
        request,
        application,
        VisaForm(request.POST),
        "visa_form",
        lambda data: services.visa_save(application=application, by=request.user, data=data),
        _("The visa is saved."),
    )


@login_required
@require_POST
def arrival_edit(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = selectors.application_for_travel(request.user, application_pk)
    return _save(
        request,
        application,
        ArrivalForm(request.POST),
        "arrival_form",
        lambda data: services.arrival_save(
            application=application, by=request.user, given=services.ArrivalInput(**data)
        ),
        _("Your travel details are saved."),
    )


@login_required
@require_POST
def pickup_edit(request: HttpRequest, application_pk: int) -> HttpResponse:
    application = selectors.application_for_travel(request.user, application_pk)
    if not manages_program(request.user, application.program):
        raise PermissionDenied(_("Only the program's coordinators name the pickup person."))
    return _save(
        request,
        application,
        PickupForm(request.POST),
        "pickup_form",
        lambda data: services.pickup_assign(application=application, by=request.user, data=data),
        _("The pickup person is asked by e-mail."),
    )


@coordinator_required
def lead_times(request: HttpRequest) -> HttpResponse:
    """Visa lead times into the coordinator's host country, per nationality."""
    country = request.user.coordinator_of.country
    rows = VisaLeadTime.objects.filter(host_country=country).order_by("nationality")
    editing = rows.filter(pk=request.GET.get("edit") or request.POST.get("pk") or 0).first()
    form = LeadTimeForm(request.POST or None, instance=editing)
    form.instance.host_country = country
    if request.method == "POST" and form.is_valid():
        if (
            rows.exclude(pk=form.instance.pk or 0)
            .filter(nationality=form.cleaned_data["nationality"])
            .exists()
        ):
            form.add_error("nationality", _("This nationality has a lead time already."))
        else:
            form.save()
            messages.success(request, _("The lead time is saved."))
            return redirect("travel:lead_times")
    context = {"rows": rows, "form": form, "editing": editing, "country": country}
    return render(request, "travel/lead_times.html", context)


def pickup_link(request: HttpRequest, token: str) -> HttpResponse:
    """The pickup person's page (no account): this pickup only, and their answer."""
    pickup = services.pickup_from_token(token)
    if pickup is None:
        raise Http404
    form = PickupAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirm = form.cleaned_data["answer"] == "confirm"
        services.pickup_answer(pickup=pickup, confirm=confirm, note=form.cleaned_data["note"])
        messages.success(request, _("Thank you, your answer is saved."))
        return redirect("travel:pickup_link", token)
    context = {
        "pickup": pickup,
        "arrival": selectors.related(pickup.application, "arrival"),
        "profile": getattr(pickup.application.trainee, "trainee_profile", None),
        "token": token,
        "form": form,
    }
    response = render(request, "travel/pickup_link.html", context)
    # The token must not leak to other sites in a Referer; "no-referrer" would also make the
    # browser send "Origin: null" with the answer, which Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def pickup_photo(request: HttpRequest, token: str) -> HttpResponse:
    """The trainee's photo, for the holder of a valid pickup link only."""
    pickup = services.pickup_from_token(token)
    profile = getattr(pickup.application.trainee, "trainee_profile", None) if pickup else None
    image = (profile.photo_thumbnail or profile.photo) if profile else None
    if not image:
        raise Http404
    return private_file_response(open_private(image), content_type="image/jpeg", attachment=False)


@login_required
def my_pickups(request: HttpRequest) -> HttpResponse:
    """The pickups addressed to the signed-in person, with a link to answer each."""
    pickups = [(p, services.pickup_token(p)) for p in selectors.pickups_for(request.user)]
    return render(request, "travel/my_pickups.html", {"pickups": pickups})
