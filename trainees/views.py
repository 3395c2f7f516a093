from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from core.files import open_private, private_file_response
from core.http import safe_next
from core.ratelimit import limit_uploads
from trainees import selectors, services
from trainees.forms import (
    DocumentForm,
    PhotoForm,
    ProfileForm,
    ReviewForm,
    chosen_languages,
    language_formset,
)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = User.objects.get(pk=request.user.pk)
    instance = selectors.profile_of(user)
    form = ProfileForm(request.POST or None, instance=instance, user=user)
    languages = language_formset(request.POST or None, instance)
    if request.method == "POST" and form.is_valid() and languages.is_valid():
        try:
            services.profile_save(
                user=user, data=form.cleaned_data, languages=chosen_languages(languages)
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your profile is saved."))
            return redirect("trainees:profile")
    context = {
        "form": form,
        "languages": languages,
        "photo_form": PhotoForm(),
        "profile": instance,
        "completeness": selectors.completeness(user, instance),
    }
    return _no_store(render(request, "trainees/profile.html", context))


@login_required
@require_POST
@limit_uploads
def photo_upload(request: HttpRequest) -> HttpResponse:
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_set(user=request.user, file=form.cleaned_data["photo"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your photo is saved."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("trainees:profile")


@login_required
def photo(request: HttpRequest, user_pk: int) -> HttpResponse:
    """A trainee's photo (thumbnail when made): for them and the coordinators who see them."""
    if not selectors.can_see_profile_of(request.user, user_pk):
        raise Http404
    profile = selectors.profile_of(User(pk=user_pk))
    image = profile.photo_thumbnail or profile.photo
    if not profile.pk or not image:
        raise Http404
    return private_file_response(open_private(image), content_type="image/jpeg", attachment=False)


@login_required
@limit_uploads
def documents(request: HttpRequest) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                owner=request.user,
                type=form.cleaned_data["type"],
                file=form.cleaned_data["file"],
                expires_on=form.cleaned_data["expires_on"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("file", error)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("trainees:documents")
    current, history = selectors.own_documents(request.user)
    context = {
        "form": form,
        "current": current,
        "history": history,
        "retention_days": settings.DOCUMENT_ACCESS_AFTER_CLOSE_DAYS,
    }
    return _no_store(render(request, "trainees/documents.html", context))


@login_required
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    """Permission-checked, logged, never cached, always an attachment."""
    document = selectors.document_for(request.user, pk)
    handle = open_private(document.file)
    services.document_download_record(
        document=document, by=request.user, ip=request.META.get("REMOTE_ADDR")
    )
    return private_file_response(
        handle, filename=document.download_name, content_type=document.content_type
    )


@login_required
@require_POST
def document_review(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if not request.user.is_coordinator:
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.document_review(
                document=document,
                by=request.user,
                verified=form.cleaned_data["decision"] == "verify",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The document is marked as checked for your organisation."))
    else:
        messages.error(request, _("Choose verify or reject."))
    return redirect(safe_next(request, "home"))
