from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import check_for_language
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on what it must do next."""
    user = request.user
    if not user.is_authenticated:
        return render(request, "accounts/home_public.html")
    if user.is_coordinator:
        return render(request, "accounts/home_coordinator.html")
    if user.is_supervisor:
        return render(request, "accounts/home_supervisor.html")
    return render(request, "accounts/home_trainee.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, and the choice is kept on the signed-in user."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and check_for_language(language):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return django_set_language(request)


def placeholder(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return render(request, "accounts/home_public.html")
