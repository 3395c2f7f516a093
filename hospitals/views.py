"""Coordinator pages: hospitals, departments, specialties, supervisors and partnerships.

Every view starts with its access helper: a row of another organisation is answered with
404 (and logged), never shown. Views parse the request, call a selector or a service and
render; the rules live in hospitals/services.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.permissions import coordinator_required, log_foreign_object
from core.deletion import confirm_delete
from core.files import open_private, private_file_response
from core.ratelimit import limit_uploads
from hospitals import selectors, services
from hospitals.filters import HospitalFilter, PartnershipFilter, SpecialtyFilter, SupervisorFilter
from hospitals.forms import (
    DepartmentForm,
    HospitalForm,
    PartnerOrganisationForm,
    PartnershipForm,
    SpecialtyForm,
    SupervisorCreateForm,
    SupervisorUpdateForm,
)
from hospitals.models import Department, Hospital, Partnership, Supervisor
from reference.models import Specialty

PAGE_SIZE = 25


# --- Access helpers: the only way a view gets a row ------------------------------------


def _get_or_404(request: HttpRequest, queryset: QuerySet, pk: int, what: str):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        log_foreign_object(request, what, pk)
        raise Http404(_("Not found.")) from None


def get_hospital_for_user(request: HttpRequest, pk: int, *, detail: bool = False) -> Hospital:
    """A hospital of the coordinator's organisation, else 404 (logged)."""
    if detail:
        queryset = selectors.hospital_detail_for_user(request.user)
    else:
        queryset = selectors.hospitals_for_user(request.user)
    return _get_or_404(request, queryset, pk, "hospital")


def get_department_for_user(request: HttpRequest, pk: int) -> Department:
    """A department in one of the coordinator's hospitals, else 404 (logged)."""
    return _get_or_404(request, selectors.departments_for_user(request.user), pk, "department")


def get_specialty_for_user(request: HttpRequest, pk: int) -> Specialty:
    """Specialties are shared: any coordinator may open any of them."""
    return _get_or_404(request, selectors.specialties_with_usage(), pk, "specialty")


def get_supervisor_for_user(request: HttpRequest, pk: int) -> Supervisor:
    """A supervisor role in the coordinator's departments, else 404 (logged)."""
    return _get_or_404(request, selectors.supervisors_for_user(request.user), pk, "supervisor")


def get_partnership_for_user(request: HttpRequest, pk: int) -> Partnership:
    """An agreement hosted by the coordinator's organisation, else 404 (logged)."""
    return _get_or_404(request, selectors.partnerships_for_user(request.user), pk, "partnership")


# --- Shared page pieces -----------------------------------------------------------------


def _form_page(request: HttpRequest, form, *, heading: str, cancel_url: str) -> HttpResponse:
    return render(
        request,
        "includes/_form_page.html",
        {"form": form, "heading": heading, "cancel_url": cancel_url},
    )


def _list_page(request: HttpRequest, filterset, template: str, extra: dict | None = None):
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filterset": filterset, "page_obj": page, "rows": page.object_list}
    return render(request, template, {**context, **(extra or {})})


# --- Hospitals ----------------------------------------------------------------------------


@coordinator_required
def hospital_list(request: HttpRequest) -> HttpResponse:
    filterset = HospitalFilter(
        request.GET, queryset=selectors.hospitals_for_user(request.user).order_by("name")
    )
    return _list_page(request, filterset, "hospitals/hospital_list.html")


@coordinator_required
@limit_uploads
def hospital_create(request: HttpRequest) -> HttpResponse:
    organisation = request.user.coordinator_of
    form = HospitalForm(
        request.POST or None,
        request.FILES or None,
        instance=Hospital(organisation=organisation),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            hospital = services.hospital_create(
                organisation=organisation,
                data=form.hospital_data(),
                photo=form.cleaned_data["photo"] or None,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Hospital added."))
            return redirect("hospitals:hospital_detail", pk=hospital.pk)
    return _form_page(
        request, form, heading=_("New hospital"), cancel_url=reverse("hospitals:hospital_list")
    )


@coordinator_required
def hospital_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hospital = get_hospital_for_user(request, pk, detail=True)
    return render(request, "hospitals/hospital_detail.html", {"hospital": hospital})


@coordinator_required
@limit_uploads
def hospital_update(request: HttpRequest, pk: int) -> HttpResponse:
    hospital = get_hospital_for_user(request, pk)
    form = HospitalForm(
        request.POST or None,
        request.FILES or None,
        instance=hospital,
        organisation=hospital.organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.hospital_update(
                hospital=hospital,
                data=form.hospital_data(),
                photo=form.cleaned_data["photo"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Hospital saved."))
            return redirect("hospitals:hospital_detail", pk=hospital.pk)
    return _form_page(
        request,
        form,
        heading=_("Edit “%(name)s”") % {"name": hospital},
        cancel_url=reverse("hospitals:hospital_detail", args=[hospital.pk]),
    )


@coordinator_required
def hospital_delete(request: HttpRequest, pk: int) -> HttpResponse:
    hospital = get_hospital_for_user(request, pk)
    return confirm_delete(
        request,
        hospital,
        dependents=selectors.dependents_of_hospital(hospital),
        delete=lambda: services.hospital_delete(hospital=hospital, by=request.user),
        done_url=reverse("hospitals:hospital_list"),
        cancel_url=reverse("hospitals:hospital_detail", args=[hospital.pk]),
        done_message=_("Hospital deleted."),
        what_is_lost=_("The hospital, its contact details and its photo will be deleted."),
    )


# --- Departments ------------------------------------------------------------------------


@coordinator_required
def department_create(request: HttpRequest, hospital_pk: int) -> HttpResponse:
    hospital = get_hospital_for_user(request, hospital_pk)
    form = DepartmentForm(request.POST or None, initial={"hospital": hospital}, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Department added."))
            return redirect("hospitals:hospital_detail", pk=department.hospital_id)
    return _form_page(
        request,
        form,
        heading=_("New department in %(hospital)s") % {"hospital": hospital},
        cancel_url=reverse("hospitals:hospital_detail", args=[hospital.pk]),
    )


@coordinator_required
def department_update(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request, pk)
    form = DepartmentForm(request.POST or None, instance=department, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_update(
                department=department, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Department saved."))
            return redirect("hospitals:hospital_detail", pk=department.hospital_id)
    return _form_page(
        request,
        form,
        heading=_("Edit “%(name)s”") % {"name": department.name},
        cancel_url=reverse("hospitals:hospital_detail", args=[department.hospital_id]),
    )


@coordinator_required
def department_delete(request: HttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request, pk)
    hospital_url = reverse("hospitals:hospital_detail", args=[department.hospital_id])
    return confirm_delete(
        request,
        department,
        dependents=selectors.dependents_of_department(department),
        delete=lambda: services.department_delete(department=department, by=request.user),
        done_url=hospital_url,
        cancel_url=hospital_url,
        done_message=_("Department deleted."),
    )


# --- Specialties ------------------------------------------------------------------------


@coordinator_required
def specialty_list(request: HttpRequest) -> HttpResponse:
    filterset = SpecialtyFilter(
        request.GET, queryset=selectors.specialties_with_usage().order_by("name")
    )
    return _list_page(request, filterset, "hospitals/specialty_list.html")


@coordinator_required
def specialty_create(request: HttpRequest) -> HttpResponse:
    form = SpecialtyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.specialty_create(
                name=form.cleaned_data["name"], slug=form.cleaned_data["slug"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Specialty added."))
            return redirect("hospitals:specialty_list")
    return _form_page(
        request, form, heading=_("New specialty"), cancel_url=reverse("hospitals:specialty_list")
    )


@coordinator_required
def specialty_update(request: HttpRequest, pk: int) -> HttpResponse:
    specialty = get_specialty_for_user(request, pk)
    if specialty.department_count or specialty.program_count:
        messages.error(request, _("A specialty in use cannot be renamed."))
        return redirect("hospitals:specialty_list")
    form = SpecialtyForm(request.POST or None, instance=specialty)
    if request.method == "POST" and form.is_valid():
        try:
            services.specialty_update(
                specialty=specialty,
                name=form.cleaned_data["name"],
                slug=form.cleaned_data["slug"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Specialty saved."))
            return redirect("hospitals:specialty_list")
    return _form_page(
        request,
        form,
        heading=_("Edit “%(name)s”") % {"name": specialty.name},
        cancel_url=reverse("hospitals:specialty_list"),
    )


@coordinator_required
def specialty_delete(request: HttpRequest, pk: int) -> HttpResponse:
    specialty = get_specialty_for_user(request, pk)
    return confirm_delete(
        request,
        specialty,
        dependents=selectors.dependents_of_specialty(specialty),
        delete=lambda: services.specialty_delete(specialty=specialty, by=request.user),
        done_url=reverse("hospitals:specialty_list"),
        cancel_url=reverse("hospitals:specialty_list"),
        done_message=_("Specialty deleted."),
    )


# --- Supervisors ------------------------------------------------------------------------


@coordinator_required
def supervisor_list(request: HttpRequest) -> HttpResponse:
    filterset = SupervisorFilter(
        request.GET,
        queryset=selectors.supervisors_for_user(request.user),
        request=request,
    )
    return _list_page(request, filterset, "hospitals/supervisor_list.html")


@coordinator_required
def supervisor_create(request: HttpRequest) -> HttpResponse:
    form = SupervisorCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_create(
                user=form.cleaned_data["email"],
                department=form.cleaned_data["department"],
                title=form.cleaned_data["title"],
                max_trainees=form.cleaned_data["max_trainees"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Supervisor added."))
            return redirect("hospitals:supervisor_list")
    return _form_page(
        request,
        form,
        heading=_("Add a supervisor"),
        cancel_url=reverse("hospitals:supervisor_list"),
    )


@coordinator_required
def supervisor_update(request: HttpRequest, pk: int) -> HttpResponse:
    supervisor = get_supervisor_for_user(request, pk)
    form = SupervisorUpdateForm(request.POST or None, instance=supervisor)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_update(
                supervisor=supervisor,
                title=form.cleaned_data["title"],
                max_trainees=form.cleaned_data["max_trainees"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Supervisor saved."))
            return redirect("hospitals:supervisor_list")
    return _form_page(
        request,
        form,
        heading=str(supervisor),
        cancel_url=reverse("hospitals:supervisor_list"),
    )


@coordinator_required
def supervisor_delete(request: HttpRequest, pk: int) -> HttpResponse:
    supervisor = get_supervisor_for_user(request, pk)
    return confirm_delete(
        request,
        supervisor,
        dependents=selectors.dependents_of_supervisor(supervisor),
        delete=lambda: services.supervisor_delete(supervisor=supervisor, by=request.user),
        done_url=reverse("hospitals:supervisor_list"),
        cancel_url=reverse("hospitals:supervisor_list"),
        done_message=_("Supervisor role removed."),
        what_is_lost=_("The person keeps their account but no longer supervises here."),
    )


# --- Partnerships -----------------------------------------------------------------------


@coordinator_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    filterset = PartnershipFilter(
        request.GET, queryset=selectors.partnerships_for_user(request.user)
    )
    return _list_page(request, filterset, "hospitals/partnership_list.html")


@coordinator_required
@limit_uploads
def partnership_create(request: HttpRequest) -> HttpResponse:
    initial = {"partner": request.GET.get("partner")} if request.GET.get("partner") else {}
    form = PartnershipForm(
        request.POST or None, request.FILES or None, initial=initial, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(
                data=form.partnership_data(),
                agreement=form.cleaned_data["agreement"] or None,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Partnership added."))
            return redirect("hospitals:partnership_detail", pk=partnership.pk)
    return _form_page(
        request,
        form,
        heading=_("New partnership"),
        cancel_url=reverse("hospitals:partnership_list"),
    )


@coordinator_required
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    return render(
        request,
        "hospitals/partnership_detail.html",
        {
            "partnership": partnership,
            "partner_hospitals": selectors.partner_hospitals(partnership),
        },
    )


@coordinator_required
@limit_uploads
def partnership_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    form = PartnershipForm(
        request.POST or None, request.FILES or None, instance=partnership, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partnership_update(
                partnership=partnership,
                data=form.partnership_data(),
                agreement=form.cleaned_data["agreement"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Partnership saved."))
            return redirect("hospitals:partnership_detail", pk=partnership.pk)
    return _form_page(
        request,
        form,
        heading=_("Edit “%(title)s”") % {"title": partnership.title},
        cancel_url=reverse("hospitals:partnership_detail", args=[partnership.pk]),
    )


@coordinator_required
def partnership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = get_partnership_for_user(request, pk)
    return confirm_delete(
        request,
        partnership,
        dependents=selectors.dependents_of_partnership(partnership),
        delete=lambda: services.partnership_delete(partnership=partnership, by=request.user),
        done_url=reverse("hospitals:partnership_list"),
        cancel_url=reverse("hospitals:partnership_detail", args=[partnership.pk]),
        done_message=_("Partnership deleted."),
        what_is_lost=_("The agreement record and its PDF will be deleted."),
    )


@coordinator_required
def partnership_agreement(request: HttpRequest, pk: int) -> FileResponse:
    """The agreement PDF, only for coordinators of the host organisation, never cached."""
    partnership = get_partnership_for_user(request, pk)
    if not partnership.agreement:
        raise Http404(_("This partnership has no agreement document."))
    return private_file_response(
        open_private(partnership.agreement, _("The agreement document is missing.")),
        filename=f"{slugify(partnership.title) or 'agreement'}.pdf",
        content_type="application/pdf",
    )


@coordinator_required
def partner_organisation_create(request: HttpRequest) -> HttpResponse:
    form = PartnerOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_organisation_create(data=form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Partner organisation added."))
            return redirect(f"{reverse('hospitals:partnership_create')}?partner={partner.pk}")
    return _form_page(
        request,
        form,
        heading=_("Add a partner organisation"),
        cancel_url=reverse("hospitals:partnership_list"),
    )
