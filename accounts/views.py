from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from accounts import services
from accounts.forms import ProfileForm
from accounts.models import User


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
            _remember_language(response, user.language)
            return response
    return render(request, "accounts/profile.html", {"form": form})


def _remember_language(response: HttpResponse, language: str) -> None:
    """The language cookie with the attributes Django's own language switch gives it
    (Secure in production, HttpOnly, SameSite)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


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
