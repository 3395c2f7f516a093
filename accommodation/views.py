from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accommodation import selectors, services
from accommodation.forms import BedForm, HousingRequestForm, ProviderForm
from accommodation.models import HousingRequest, Stay
from accounts.permissions import coordinator_required
from programs.selectors import program_for_coordinator


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@coordinator_required
def provider_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accommodation/provider_list.html",
        {"providers": selectors.providers_for(request.user)},
    )


@coordinator_required
def provider_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    provider = selectors.provider_for(request.user, pk) if pk else None
    form = ProviderForm(request.POST or None, instance=provider)
    if request.method == "POST" and form.is_valid():
        try:
            data = {**form.cleaned_data, "managed_by": form.cleaned_data.get("manager_email")}
            provider = services.provider_save(by=request.user, data=data, provider=provider)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The provider is saved."))
            return redirect("accommodation:provider_detail", provider.pk)
    return render(request, "accommodation/provider_form.html", {"form": form, "provider": provider})


@login_required
def provider_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A provider's beds: for the organisation's coordinators and for the person who manages
    the listing (a host family, a supervisor offering a room)."""
    provider = selectors.provider_for(request.user, pk, managers_too=True)
    form = BedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.bed_add(
                provider=provider, by=request.user, data=form.bed_data(), windows=form.windows()
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The bed is added."))
            return redirect("accommodation:provider_detail", provider.pk)
    guests = Stay.objects.filter(
        bed__provider=provider, status=Stay.Status.CONFIRMED
    ).select_related("request__application__trainee", "bed")
    return render(
        request,
        "accommodation/provider_detail.html",
        {"provider": provider, "beds": selectors.beds_of(provider), "form": form, "guests": guests},
    )


@login_required
def my_listings(request: HttpRequest) -> HttpResponse:
    """The listings a person manages themselves."""
    return render(request, "accommodation/my_listings.html", selectors.host_overview(request.user))


@coordinator_required
@require_POST
def stay_propose(request: HttpRequest, pk: int) -> HttpResponse:
    housing = selectors.housing_request_for_coordinator(request.user, pk)
    bed = selectors.bed_for_coordinator(request.user, request.POST.get("bed"))
    try:
        services.stay_propose(request=housing, bed=bed, by=request.user)
    except (services.BedTaken, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposal is changed; confirm it when it suits."))
    return redirect("accommodation:matching", housing.application.program_id)


@coordinator_required
def matching(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = program_for_coordinator(request.user, program_pk)
    if request.method == "POST":
        run = services.run_request(
            organisation=program.organisation, program=program, by=request.user
        )
        return redirect("accommodation:run", run.pk)
    page = selectors.matching_page(program)
    for housing in page["requests"]:
        housing.alternatives = (
            services.alternatives(housing, program.organisation)
            if housing.status != HousingRequest.Status.CONFIRMED
            else []
        )
    return render(request, "accommodation/matching.html", {"program": program, **page})


@coordinator_required
def run_status(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_for_coordinator(request.user, pk)
    template = "accommodation/_run_progress.html" if request.htmx else "accommodation/run.html"
    return render(request, template, {"run": run})


@coordinator_required
@require_POST
def stay_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    stay = selectors.stay_for_coordinator(request.user, pk)
    try:
        services.stay_confirm(stay=stay, by=request.user)
    except (services.BedTaken, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The stay is confirmed; the trainee and the provider are told.")
        )
    return redirect("accommodation:matching", stay.request.application.program_id)


@login_required
def mine(request: HttpRequest, application_pk: int) -> HttpResponse:
    """The trainee's housing for one application: the request, then the confirmed stay."""
    application = selectors.application_for_trainee(request.user, application_pk)
    existing = HousingRequest.objects.filter(application=application).first()
    stay = services.confirmed_stay(application)
    initial = {}
    if existing is None:
        start, end = services.default_dates(application)
        initial = {"start": start, "end": end}
    form = HousingRequestForm(
        request.POST or None,
        instance=existing,
        initial=initial,
        covered=application.program.covers_housing,
    )
    if request.method == "POST" and stay is None and form.is_valid():
        try:
            services.request_save(application=application, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request, _("Your housing request is saved. The coordinators will propose a place.")
            )
            return redirect("accommodation:mine", application.pk)
    return render(
        request,
        "accommodation/mine.html",
        {
            "application": application,
            "form": form,
            "housing": existing,
            "stay": stay,
            "outside": selectors.outside_for(application),
            "needed_until": services.default_dates(application)[1],
        },
    )
