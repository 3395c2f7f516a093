from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import coordinator_required, log_foreign_object
from applications import background, referees, selectors, services
from applications.filters import REVIEW_STATUSES, ReviewFilter
from applications.forms import (
    ApplicationForm,
    CommentForm,
    LetterForm,
    OfferForm,
    ReasonForm,
    RefereeForm,
)
from applications.models import Application, RefereeRequest
from core.files import open_private, private_file_response
from core.http import safe_next
from core.ratelimit import limit_uploads
from programs.models import Program
from programs.selectors import program_for_coordinator
from trainees import selectors as trainee_selectors

S = Application.Status


# --- Trainee ---------------------------------------------------------------------------


@require_POST
@login_required
def application_start(request: HttpRequest, program_pk: int) -> HttpResponse:
    program = get_object_or_404(Program, pk=program_pk, status=Program.Status.PUBLISHED)
    try:
        application = services.application_start(program=program, trainee=request.user)
    except (services.TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, str(error) or _("You cannot apply to this program."))
        return redirect("catalog:detail", program.pk)
    return redirect("applications:edit", application.pk)


def _initial(application: Application) -> dict:
    initial = {"motivation": application.motivation}
    for preference in application.preferences.all():
        initial[f"choice_{preference.rank}"] = (
            preference.rotation_site_id or preference.specialty_id
        )
    return initial


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The trainee's application: save as draft and come back, or submit."""
    application = selectors.application_for_trainee(request.user, pk)
    program = application.program
    if application.status != S.DRAFT:
        return redirect("applications:detail", application.pk)
    form = ApplicationForm(request.POST or None, program=program, initial=_initial(application))
    if request.method == "POST" and form.is_valid():
        done = _save_or_submit(request, application, form)
        if done is not None:
            return done
    return render(
        request,
        "applications/application_form.html",
        {
            "application": application,
            "program": program,
            "form": form,
            "missing": services.submission_blockers(application),
        },
    )


def _save_or_submit(
    request: HttpRequest, application: Application, form: ApplicationForm
) -> HttpResponse | None:
    """Save the draft and, with "submit", submit it; None when the form shows errors."""
    choices = form.choices()
    try:
        services.application_save_draft(
            application=application,
            by=request.user,
            motivation=form.cleaned_data["motivation"],
            rotation_sites=choices if form.ranks_sites else (),
            specialties=() if form.ranks_sites else choices,
        )
        if "submit" in request.POST:
            services.application_transition(
                application=application, to=S.SUBMITTED, by=request.user
            )
            messages.success(request, _("Your application is submitted."))
            return redirect("applications:detail", application.pk)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    except services.TransitionNotAllowed as error:
        messages.warning(request, _("Your draft is saved.") + " " + str(error))
        return redirect("applications:edit", application.pk)
    messages.success(request, _("Your draft is saved. You can come back to it at any time."))
    return redirect("applications:edit", application.pk)


def _detail_page(
    request: HttpRequest, application: Application, referee_form: RefereeForm | None = None
) -> HttpResponse:
    requests = list(application.referee_requests.all())
    can_add = (
        application.status in referees.REFEREE_OPEN_STATUSES
        and len(requests) < referees.REFEREE_MAX_PER_APPLICATION
    )
    return render(
        request,
        "applications/application_detail.html",
        {
            "application": application,
            "history": application.status_changes.select_related("by"),
            "offer": application.offers.filter(status="open").first(),
            "referees": requests,
            "referees_open": application.status in referees.REFEREE_OPEN_STATUSES,
            "referee_form": (referee_form or RefereeForm()) if can_add else None,
            "referee_max": referees.REFEREE_MAX_PER_APPLICATION,
            "now": timezone.now(),
            "passport_warning": trainee_selectors.passport_warning(
                application.trainee, application.program.end_date
            ),
            "letter": selectors.current_letter(application),
            "letter_refusal": selectors.letter_refusal(application),
        },
    )


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_trainee(request.user, pk)
    return _detail_page(request, application)


@require_POST
@login_required
def referee_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The applicant names a referee or nominating officer, who is mailed an upload link."""
    application = selectors.application_for_trainee(request.user, pk)
    form = RefereeForm(request.POST)
    if form.is_valid():
        try:
            referee = referees.referee_request_create(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("We e-mailed %(name)s a link to upload the letter.") % {"name": referee.name},
            )
            return redirect("applications:detail", application.pk)
    return _detail_page(request, application, referee_form=form)


@require_POST
@login_required
def referee_resend(request: HttpRequest, pk: int, referee_pk: int) -> HttpResponse:
    application = selectors.application_for_trainee(request.user, pk)
    referee = get_object_or_404(RefereeRequest, pk=referee_pk, application=application)
    try:
        referees.referee_request_resend(request=referee, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("We e-mailed %(name)s the link again.") % {"name": referee.name}
        )
    return redirect("applications:detail", application.pk)


# --- Referee (no account) ---------------------------------------------------------------


def _link_unavailable(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request, "applications/referee_link_unavailable.html", {"reason": reason}, status=410
    )


@never_cache
@limit_uploads
def referee_upload(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the referee's e-mail: upload the letter once, before it expires. A
    tampered token is a 404; a used or expired one a page that says so (410)."""
    referee = referees.referee_request_from_token(token)
    if referee is None:
        raise Http404
    problem = referees.referee_link_problem(referee)
    if problem:
        return _link_unavailable(request, problem)
    form = LetterForm(request.POST, request.FILES) if request.method == "POST" else LetterForm()
    if request.method == "POST" and form.is_valid():
        try:
            referees.referee_letter_upload(
                request=referee,
                file=form.cleaned_data["letter"],
                ip=request.META.get("REMOTE_ADDR"),
                user_agent=request.META.get("HTTP_USER_AGENT", ""),
            )
        except referees.RefereeLinkUnavailable as error:
            return _link_unavailable(request, error.reason)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "applications/referee_thanks.html", {"referee": referee})
    return render(
        request,
        "applications/referee_upload.html",
        {
            "referee": referee,
            "application": referee.application,
            "program": referee.application.program,
            "form": form,
        },
    )


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    rows = (
        Application.objects.filter(trainee=request.user)
        .select_related("program__organisation")
        .order_by("-created_at")
    )
    return render(request, "applications/my_applications.html", {"applications": rows})


TRAINEE_ACTIONS = {"withdraw": S.WITHDRAWN, "accept": S.ACCEPTED, "decline": S.DECLINED}


@require_POST
@login_required
def application_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application = selectors.application_for_trainee(request.user, pk)
    target = TRAINEE_ACTIONS.get(action)
    if target is None:
        return redirect("applications:detail", application.pk)
    try:
        services.application_transition(
            application=application,
            to=target,
            by=request.user,
            reason=request.POST.get("reason", ""),
        )
    except (services.TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            {
                S.WITHDRAWN: _("Your application is withdrawn."),
                S.ACCEPTED: _("You accepted the offer. Welcome!"),
                S.DECLINED: _("You declined the offer."),
            }[target],
        )
    return redirect("applications:detail", application.pk)


# --- Coordinator -----------------------------------------------------------------------


@coordinator_required
def review_list(request: HttpRequest, program_pk: int) -> HttpResponse:
    """Applications to one program: filter, search in any script, sort, bulk shortlist or
    reject with a reason, and the capacity at a glance."""
    program = program_for_coordinator(request.user, program_pk)
    if request.method == "POST":
        job = _bulk_review(request, program)
        if job is not None:
            return redirect("core:job", job.pk)
        return redirect(safe_next(request, "home", url=request.get_full_path()))
    filterset = ReviewFilter(request.GET, program_id=program.pk)
    sort = request.GET.get("sort")
    context = {
        "program": program,
        "page_obj": Paginator(filterset.qs, 50).get_page(request.GET.get("page")),
        "capacity": services.capacity(program),
        "statuses": REVIEW_STATUSES,
        "filter_choices": filterset.choices,
        "sort_name": "-name" if sort == "name" else "name",
        "sort_submitted": "submitted" if sort == "-submitted" else "-submitted",
        "reason_form": ReasonForm(),
        **filterset.selected(),
    }
    return render(request, "applications/review_list.html", context)


def _bulk_review(request: HttpRequest, program: Program):
    """Shortlist or reject the chosen applications now, or, above BACKGROUND_THRESHOLD of
    them, in a background job (returned, for its progress page)."""
    ids = request.POST.getlist("selected")
    target = {"shortlist": S.SHORTLISTED, "reject": S.REJECTED}.get(request.POST.get("action", ""))
    chosen = Application.objects.filter(program=program, pk__in=[i for i in ids if i.isdigit()])
    reason = request.POST.get("reason", "")
    count = chosen.count()
    if target is None or not count:
        messages.error(request, _("Choose applications and an action."))
        return None
    if background.in_background(count):
        return background.bulk_review_start(
            program=program,
            application_ids=list(chosen.values_list("pk", flat=True)),
            to=target,
            by=request.user,
            reason=reason,
            back_url=request.get_full_path(),
        )
    moved, problems = services.bulk_transition(
        applications=list(chosen.select_related("trainee", "program")),
        to=target,
        by=request.user,
        reason=reason,
    )
    if moved:
        messages.success(request, _("%(count)s application(s) updated.") % {"count": moved})
    for problem in problems:
        messages.error(request, problem)
    return None


def applicant_context(application: Application, viewer: User) -> dict:
    """The applicant's profile, the documents the viewer may open (with their organisation's
    checks; none once the retention after closing is over), passport warning and invitation
    letter, for the pages about one application."""
    trainees = trainee_selectors
    trainee, program = application.trainee, application.program
    documents_visible = trainees.coordinator_sees_trainee(viewer, trainee.pk)
    return {
        "profile": trainees.profile_of(trainee),
        "documents_visible": documents_visible,
        "documents": trainees.documents_for_review(trainee, viewer) if documents_visible else [],
        "missing_documents": trainees.missing_documents(
            trainee, program.required_documents, program.organisation_id
        ),
        "passport_warning": trainees.passport_warning(trainee, application.program.end_date),
        "letter": selectors.current_letter(application),
        "letter_refusal": selectors.letter_refusal(application),
    }


COORDINATOR_ACTIONS = {
    "review": S.UNDER_REVIEW,
    "shortlist": S.SHORTLISTED,
    "reject": S.REJECTED,
}


@coordinator_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for_coordinator(request.user, pk)
    comment_form = CommentForm(request.POST if "comment" in request.POST else None)
    if request.method == "POST" and "comment" in request.POST and comment_form.is_valid():
        services.comment_add(
            application=application, by=request.user, text=comment_form.cleaned_data["text"]
        )
        return redirect("applications:review_detail", application.pk)
    return render(
        request,
        "applications/review_detail.html",
        {
            "application": application,
            "program": application.program,
            "preferences": application.preferences.select_related(
                "rotation_site__department__hospital", "specialty"
            ),
            "history": application.status_changes.select_related("by"),
            "comments": application.comments.select_related("author"),
            "offers": application.offers.all(),
            "referees": application.referee_requests.all(),
            **applicant_context(application, request.user),
            "comment_form": comment_form,
            "reason_form": ReasonForm(),
            "offer_form": OfferForm(organisation=application.program.organisation),
            "capacity": services.capacity(application.program),
        },
    )


@require_POST
@coordinator_required
def review_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    application = selectors.application_for_coordinator(request.user, pk)
    try:
        if action == "offer":
            form = OfferForm(request.POST, organisation=application.program.organisation)
            if not form.is_valid():
                raise ValidationError(form.errors.get("answer_by") or _("Give a deadline."))
            services.offer_make(
                application=application, by=request.user, answer_by=form.cleaned_data["answer_by"]
            )
            messages.success(request, _("The offer is sent."))
        elif action in COORDINATOR_ACTIONS:
            services.application_transition(
                application=application,
                to=COORDINATOR_ACTIONS[action],
                by=request.user,
                reason=request.POST.get("reason", ""),
            )
            messages.success(request, _("The application is updated."))
    except (services.TransitionNotAllowed, PermissionDenied) as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("applications:review_detail", application.pk)


@login_required
def referee_letter(request: HttpRequest, pk: int) -> FileResponse:
    """A referee's letter, only for coordinators of the host organisation (everybody else,
    the applicant included, gets 404), never cached; each download is recorded."""
    try:
        referee = selectors.referee_letter_for_coordinator(request.user, pk)
    except Http404:
        log_foreign_object(request, "referee letter", pk)
        raise
    handle = open_private(referee.letter, _("The letter file is missing."))
    referees.letter_download_record(
        request=referee, by=request.user, ip=request.META.get("REMOTE_ADDR")
    )
    name = slugify(f"{referee.get_kind_display()} {referee.application.trainee.display_name}")
    return private_file_response(
        handle, filename=f"{name or 'letter'}-{referee.pk}.pdf", content_type="application/pdf"
    )
