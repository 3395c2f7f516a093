from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import selectors, services
from accounts.forms import InvitationForm, ProfileForm
from accounts.models import Invitation, User
from accounts.permissions import coordinator_required


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on what it must do next."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "accounts/home_public.html")
    if user.is_coordinator:
        return render(request, "accounts/home_coordinator.html", selectors.coordinator_home(user))
    if user.is_supervisor:
        return render(request, "accounts/home_supervisor.html", selectors.supervisor_home(user))
    return render(request, "accounts/home_trainee.html", selectors.trainee_home(user))


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and the choice is kept on the signed-in user."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """One's own names (Latin and native script), language and time zone."""
    user = User.objects.get(pk=request.user.pk)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_update(user=user, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            # The language follows the person from now on, on this device too.
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
            return response
    return render(request, "accounts/profile.html", {"form": form})


@coordinator_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The coordinator's team: fellow coordinators, invitations and the invite form."""
    organisation = request.user.coordinator_of
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(invited_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("accounts:invitation_list")
    invitations = (
        Invitation.objects.filter(organisation=organisation)
        .select_related("invited_by", "accepted_by")
        .prefetch_related(
            Prefetch("departments", queryset=_departments_with_hospital()),
        )
        .order_by("-created_at")
    )
    coordinators = User.objects.filter(coordinator_of=organisation).order_by("last_name")
    return render(
        request,
        "accounts/team.html",
        {
            "form": form,
            "invitations": invitations,
            "coordinators": coordinators,
            "now": timezone.now(),
        },
    )


def _departments_with_hospital():
    from hospitals.models import Department

    return Department.objects.select_related("hospital")


def _own_invitation(request: HttpRequest, pk: int) -> Invitation:
    return get_object_or_404(Invitation, pk=pk, organisation=request.user.coordinator_of)


@require_POST
@coordinator_required
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _own_invitation(request, pk)
    try:
        services.invitation_resend(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("accounts:invitation_list")


@require_POST
@coordinator_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _own_invitation(request, pk)
    try:
        services.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("accounts:invitation_list")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invitation e-mail. A tampered token is a 404; an expired or used
    one gets a page that says so and what to do."""
    invitation = services.invitation_from_token(token)
    if invitation is None:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    problem = services.invitation_problem(invitation, user)
    if request.method == "POST" and not problem:
        if user is None:
            return redirect_to_login(request.get_full_path())
        try:
            services.invitation_accept(invitation=invitation, user=user)
        except services.InvitationUnavailable as error:
            problem = str(error)
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s.") % {"organisation": invitation.organisation},
            )
            return redirect("home")
    status = 200
    if problem:
        status = 410 if invitation.accepted_at or invitation.is_expired else 403
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "problem": problem},
        status=status,
    )
