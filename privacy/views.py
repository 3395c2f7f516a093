"""A person's own data (export, erasure request), the privacy notice, and the coordinators'
erasure decisions and privacy log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import require_privacy_officer
from core.files import open_private, private_file_response
from core.http import safe_next
from privacy import selectors, services
from privacy.forms import AcceptNoticeForm, DecisionForm


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """Download my data, ask for erasure, see what notice I accepted."""
    user = request.user
    context = {
        "exports": selectors.recent_exports(user),
        "erasure": selectors.open_erasure_request(user),
        "decided": selectors.last_decided_request(user),
    }
    return render(request, "privacy/mine.html", context)


@login_required
@require_POST
def export_create(request: HttpRequest) -> HttpResponse:
    record = services.export_request(user=request.user)
    return redirect("privacy:export_status", record.pk)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's progress; polled by htmx until the ZIP is ready."""
    record = selectors.own_export(request.user, pk)
    template = "privacy/_export_progress.html" if request.htmx else "privacy/export.html"
    return render(request, template, {"export": record})


@login_required
def export_download(request: HttpRequest, pk: int):
    record = selectors.own_export(request.user, pk, finished=True)
    handle = open_private(record.file)
    services.export_downloaded(record=record, by=request.user)
    return private_file_response(
        handle, filename=f"personal-data-{record.pk}.zip", content_type="application/zip"
    )


@login_required
@require_POST
def erasure_create(request: HttpRequest) -> HttpResponse:
    try:
        services.erasure_request(user=request.user)
        messages.success(request, _("Your request is with the coordinators, who check it."))
    except services.PrivacyRefused as error:
        messages.error(request, error.message)
    return redirect("privacy:mine")


@login_required
@require_POST
def erasure_cancel(request: HttpRequest) -> HttpResponse:
    try:
        services.erasure_cancel(user=request.user)
        messages.success(request, _("Your erasure request is cancelled."))
    except services.PrivacyRefused as error:
        messages.error(request, error.message)
    return redirect("privacy:mine")


def _notice() -> dict:
    return {
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
        "RETENTION_AFTER_STAY_DAYS": settings.RETENTION_AFTER_STAY_DAYS,
        "RETENTION_AFTER_CLOSE_DAYS": settings.RETENTION_AFTER_CLOSE_DAYS,
    }


def notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", _notice())


@login_required
def accept(request: HttpRequest) -> HttpResponse:
    """Accept the current privacy notice (asked again whenever its version changes)."""
    target = safe_next(request, "/")
    form = AcceptNoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.notice_accept(user=request.user)
        return redirect(target)
    return render(request, "privacy/accept.html", {"form": form, "next": target, **_notice()})


@login_required
def erasure_list(request: HttpRequest) -> HttpResponse:
    require_privacy_officer(request.user)
    requests = selectors.erasure_requests_to_decide(request.user)
    return render(request, "privacy/erasure_list.html", {"requests": requests})


@login_required
def erasure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require_privacy_officer(request.user)
    erasure = selectors.erasure_request_to_decide(request.user, pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decide = (
            services.erasure_confirm
            if form.cleaned_data["decision"] == "confirm"
            else services.erasure_refuse
        )
        try:
            decide(request=erasure, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Your decision is recorded."))
            return redirect("privacy:erasure_list")
        except services.PrivacyRefused as error:
            messages.error(request, error.message)
    return render(request, "privacy/erasure_decide.html", {"erasure": erasure, "form": form})


@login_required
def events(request: HttpRequest) -> HttpResponse:
    """The privacy log: exports, erasures and retention of the organisation's applicants."""
    require_privacy_officer(request.user)
    return render(
        request, "privacy/events.html", {"events": selectors.events_for(request.user)[:500]}
    )
