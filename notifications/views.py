from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import coordinator_required
from core.http import safe_next
from notifications import selectors, services
from notifications.forms import PreferencesForm
from notifications.models import Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    page = Paginator(selectors.inbox(request.user, unread_only=unread_only), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "unread_only": unread_only},
    )


@login_required
@require_POST
def open_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to the object it concerns; it counts as read (a POST: nothing
    changes on a GET, which browsers and mail scanners prefetch)."""
    item = get_object_or_404(
        Notification, pk=pk, recipient=request.user, channel=Notification.Channel.IN_APP
    )
    services.mark_read(notification=item, user=request.user)
    return redirect(safe_next(request, "notifications:inbox", url=item.link))


@login_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        Notification, pk=pk, recipient=request.user, channel=Notification.Channel.IN_APP
    )
    services.mark_read(notification=item, user=request.user)
    if request.htmx:
        return render(request, "notifications/_item.html", {"item": item, "just_read": True})
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(user=request.user)
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            for kind, mode in form.choices().items():
                services.preference_set(user=request.user, kind=kind, mode=mode)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@coordinator_required
def failed(request: HttpRequest) -> HttpResponse:
    rows = services.failed_visible_to(request.user).select_related("recipient")
    page = Paginator(rows.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "notifications/failed.html", {"page_obj": page})


@coordinator_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(services.failed_visible_to(request.user), pk=pk)
    services.retry_failed(notification=item, by=request.user)
    messages.success(
        request, _("The e-mail to %(email)s is queued again.") % {"email": item.to_email}
    )
    return redirect("notifications:failed")
