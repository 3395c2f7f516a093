from allauth.account.adapter import DefaultAccountAdapter

from accounts.models import User
from notifications.kinds import ACCOUNT_EMAIL
from notifications.services import notify


class PortalAccountAdapter(DefaultAccountAdapter):
    """Account e-mails (verification, password reset) are rendered by allauth and leave
    through the notifications outbox, after the transaction commits, so a request never
    waits on the mail server and a broker outage delays the mail without losing it."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
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
