from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from notifications.kinds import ACCOUNT_EMAIL
from notifications.services import notify

# Links that allauth builds from the request (so from its Host header) in mails that carry
# no key, by template: rebuilt from PORTAL_URL.
_PORTAL_LINKS = {
    "account/email/unknown_account": {"signup_url": "account_signup"},
    "account/email/account_already_exists": {
        "signup_url": "account_signup",
        "password_reset_url": "account_reset_password",
    },
}


def portal_link(path: str) -> str:
    """An absolute link to the portal from settings.PORTAL_URL, never from the request's
    Host header (which a visitor chooses: a reset link must not point at their host)."""
    return settings.PORTAL_URL + path


class PortalAccountAdapter(DefaultAccountAdapter):
    """Account e-mails (verification, password reset) are rendered by allauth and leave
    through the notifications outbox, after the transaction commits, so a request never
    waits on the mail server and a broker outage delays the mail without losing it. Every
    link and the site named in them come from PORTAL_URL and SITE_NAME."""

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return portal_link(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return portal_link(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {
            **context,
            "current_site": SimpleNamespace(
                name=settings.SITE_NAME, domain=urlsplit(settings.PORTAL_URL).netloc
            ),
            **{
                key: portal_link(reverse(url_name))
                for key, url_name in _PORTAL_LINKS.get(template_prefix, {}).items()
            },
        }
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        user = User.objects.filter(email__iexact=email).first()
        notify(
            recipients=[email],
            kind=ACCOUNT_EMAIL.name,
            context={"subject": message.subject, "body": message.body, "html": html},
            organisation=user.coordinator_of if user else None,
        )
