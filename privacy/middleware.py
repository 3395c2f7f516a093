"""Ask a signed-in person to accept the privacy notice when they have not accepted the
current version (settings.PRIVACY_NOTICE_VERSION)."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_htmx.http import HttpResponseClientRedirect


class PrivacyNoticeMiddleware:
    # Sign-out, account pages, the notice itself, the language switch and files stay open.
    ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/healthz/", "/privacy/notice/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.privacy_notice_current
            and not request.path.startswith(self.ALLOWED_PREFIXES)
            and request.path != reverse("privacy:accept")
        ):
            target = reverse("privacy:accept")
            if request.htmx:  # the whole page goes to the notice, not a fragment of it
                return HttpResponseClientRedirect(target)
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
