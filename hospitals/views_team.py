"""The coordinator's organisation pages: its details and time zone, and the team page with
fellow coordinators, invitations and the invite form (a supervisor is invited for departments
of the organisation's hospitals)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services as account_services
from accounts.models import Invitation
from accounts.permissions import coordinator_required
from hospitals import selectors, services
from hospitals.forms import InvitationForm, OrganisationForm


@coordinator_required
def invitation_list(request: HttpRequest) -> HttpResponse:
    """The coordinator's team: fellow coordinators, invitations and the invite form."""
    organisation = request.user.coordinator_of
    form = InvitationForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = account_services.invitation_create(
                invited_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("hospitals:team")
    invitations = selectors.team_invitations(organisation)
    coordinators = selectors.team_coordinators(organisation)
    return render(
        request,
        "hospitals/team.html",
        {
            "form": form,
            "invitations": invitations,
            "coordinators": coordinators,
            "now": timezone.now(),
        },
    )


@coordinator_required
def organisation_update(request: HttpRequest) -> HttpResponse:
    """The coordinator's own organisation: names, place, time zone."""
    organisation = request.user.coordinator_of
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, data=form.cleaned_data, by=request.user
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(request, _("The organisation's details are saved."))
            return redirect("hospitals:team")
    return render(
        request,
        "includes/_form_page.html",
        {
            "form": form,
            "heading": _("Your organisation"),
            "cancel_url": reverse("hospitals:team"),
        },
    )


def _own_invitation(request: HttpRequest, pk: int) -> Invitation:
    return get_object_or_404(Invitation, pk=pk, organisation=request.user.coordinator_of)


@require_POST
@coordinator_required
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _own_invitation(request, pk)
    try:
        account_services.invitation_resend(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Invitation sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("hospitals:team")


@require_POST
@coordinator_required
def invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = _own_invitation(request, pk)
    try:
        account_services.invitation_revoke(invitation=invitation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation to %(email)s is revoked.") % {"email": invitation.email}
        )
    return redirect("hospitals:team")
