from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.permissions import manages_program, owns_application
from applications.models import Application
from core.files import open_private, private_file_response
from letters.models import CODE_ALPHABET, InvitationLetter


@login_required
def download(request: HttpRequest, application_pk: int) -> FileResponse:
    """The current letter: for the applicant and the program's coordinators only."""
    user = request.user
    application = Application.objects.select_related("program").filter(pk=application_pk).first()
    if application is None or not (
        owns_application(user, application) or manages_program(user, application.program)
    ):
        raise Http404
    letter = InvitationLetter.objects.filter(application=application, is_current=True).first()
    if letter is None:
        raise Http404(_("The invitation letter is not ready yet."))
    return private_file_response(
        open_private(letter.pdf),
        filename=f"invitation-letter-{letter.code}.pdf",
        content_type="application/pdf",
    )


def _normalise(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else ""


def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Public: is this letter genuine? Minimal data only — who, where, when, and whether it
    is the current version."""
    code = code or request.GET.get("code", "")
    letter = None
    if code:
        normalised = _normalise(code)
        letter = (
            InvitationLetter.objects.select_related("replaced_by").filter(code=normalised).first()
            if normalised
            else None
        )
    response = render(
        request,
        "letters/verify.html",
        {"code": code, "letter": letter, "searched": bool(code)},
        status=404 if code and letter is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
