from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction


class PortalAccountAdapter(DefaultAccountAdapter):
    """Account e-mails (verification, password reset) leave through a Celery task after
    the transaction commits, so a request never waits on the mail server."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from accounts.tasks import send_email_message

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        payload = {
            "subject": message.subject,
            "body": message.body,
            "from_email": message.from_email,
            "to": list(message.to),
            "html": html,
        }
        transaction.on_commit(lambda: send_email_message.delay(**payload))
