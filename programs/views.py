"""Coordinator pages: manage the organisation's programs and their rotation sites.

Every view starts with its access helper: a program of another organisation is answered
with 404 (and logged), never shown.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import coordinator_required, log_foreign_object
from core.deletion import confirm_delete
from programs import services
from programs.filters import ProgramManageFilter
from programs.forms import ProgramForm, RotationSiteForm
from programs.models import Program, RotationSite
from programs.selectors import (
    departments_for_coordinator,
    dependents_of_program,
    dependents_of_rotation_site,
    program_detail_for_coordinator,
    programs_for_coordinator,
    seats_left,
)

PAGE_SIZE = 20


def get_program_for_user(request: HttpRequest, pk: int, *, detail: bool = False) -> Program:
    """The program if it belongs to the coordinator's organisation, else 404 (logged)."""
    user: User = request.user
    queryset = program_detail_for_coordinator(user) if detail else programs_for_coordinator(user)
    try:
        return queryset.get(pk=pk)
    except Program.DoesNotExist:
        log_foreign_object(request, "program", pk)
        raise Http404(_("No such program.")) from None


def get_rotation_site_for_user(request: HttpRequest, program_pk: int, pk: int) -> RotationSite:
    """A rotation site of one of the coordinator's programs, else 404 (logged)."""
    program = get_program_for_user(request, program_pk)
    try:
        site = program.rotation_sites.select_related("department__hospital").get(pk=pk)
    except RotationSite.DoesNotExist:
        log_foreign_object(request, "rotation site", pk)
        raise Http404(_("No such rotation site.")) from None
    site.program = program
    return site


def _form_errors_from(form, error: ValidationError) -> None:
    """Show a rule broken inside a service next to its field, like a form rule."""
    form.add_error(None, error)


@coordinator_required
def program_list(request: HttpRequest) -> HttpResponse:
    filterset = ProgramManageFilter(request.GET, queryset=programs_for_coordinator(request.user))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "programs/program_list.html",
        {"filterset": filterset, "page_obj": page, "programs": page.object_list},
    )


@coordinator_required
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_create(
                by=request.user,
                data=form.program_data(),
                specialties=form.cleaned_data["specialties"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Program created as a draft."))
            return redirect("programs:program_detail", pk=program.pk)
    return render(
        request,
        "programs/program_form.html",
        {
            "form": form,
            "heading": _("New program"),
            "cancel_url": reverse("programs:program_list"),
        },
    )


@coordinator_required
def program_detail(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request, pk, detail=True)
    context = {
        "program": program,
        "transitions": services.allowed_transitions(program),
        "publish_blockers": (
            services.publish_blockers(program) if program.status == Program.Status.DRAFT else []
        ),
        "seats_left": seats_left(program),
    }
    return render(request, "programs/program_detail.html", context)


@coordinator_required
def program_update(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request, pk)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(
                program=program,
                by=request.user,
                data=form.program_data(),
                specialties=form.cleaned_data["specialties"],
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Program saved."))
            return redirect("programs:program_detail", pk=program.pk)
    return render(
        request,
        "programs/program_form.html",
        {
            "form": form,
            "heading": _("Edit “%(title)s”") % {"title": program.title},
            "cancel_url": reverse("programs:program_detail", args=[program.pk]),
        },
    )


@coordinator_required
def program_delete(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request, pk)
    blockers = []
    if program.status != Program.Status.DRAFT:
        blockers.append(_("Only draft programs can be deleted. Close or unpublish it instead."))
    return confirm_delete(
        request,
        program,
        dependents=blockers + dependents_of_program(program),
        delete=lambda: services.program_delete(program=program, by=request.user),
        done_url=reverse("programs:program_list"),
        cancel_url=reverse("programs:program_detail", args=[program.pk]),
        done_message=_("Program deleted."),
        what_is_lost=_(
            "The program, its rotation sites and its status history will be deleted. "
            "This cannot be undone."
        ),
    )


@require_POST
@coordinator_required
def program_transition(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request, pk)
    try:
        services.program_transition(
            program=program,
            to=request.POST.get("to", ""),
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except services.TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The program is now %(status)s.") % {"status": program.get_status_display()},
        )
    return redirect("programs:program_detail", pk=program.pk)


def _rotation_form_page(request, form, program, heading) -> HttpResponse:
    return render(
        request,
        "programs/rotation_form.html",
        {
            "form": form,
            "program": program,
            "heading": heading,
            "cancel_url": reverse("programs:program_detail", args=[program.pk]),
        },
    )


@coordinator_required
def rotation_create(request: HttpRequest, pk: int) -> HttpResponse:
    program = get_program_for_user(request, pk)
    form = RotationSiteForm(
        request.POST or None,
        instance=RotationSite(program=program),
        program=program,
        departments=departments_for_coordinator(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rotation_site_create(program=program, by=request.user, **form.site_data())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Rotation site added."))
            return redirect("programs:program_detail", pk=program.pk)
    return _rotation_form_page(request, form, program, _("Add a rotation site"))


@coordinator_required
def rotation_update(request: HttpRequest, program_pk: int, pk: int) -> HttpResponse:
    site = get_rotation_site_for_user(request, program_pk, pk)
    form = RotationSiteForm(
        request.POST or None,
        instance=site,
        program=site.program,
        departments=departments_for_coordinator(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.rotation_site_update(site=site, by=request.user, **form.site_data())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("Rotation site saved."))
            return redirect("programs:program_detail", pk=site.program.pk)
    return _rotation_form_page(request, form, site.program, _("Edit rotation site"))


@coordinator_required
def rotation_delete(request: HttpRequest, program_pk: int, pk: int) -> HttpResponse:
    site = get_rotation_site_for_user(request, program_pk, pk)
    detail_url = reverse("programs:program_detail", args=[site.program.pk])
    return confirm_delete(
        request,
        site,
        dependents=dependents_of_rotation_site(site),
        delete=lambda: services.rotation_site_delete(site=site, by=request.user),
        done_url=detail_url,
        cancel_url=detail_url,
        done_message=_("Rotation site removed."),
        what_is_lost=_("The department will no longer be part of this program."),
    )
