"""The notifications app's own kinds: the daily digest, and the account e-mails rendered by
django-allauth, which go through the outbox like every other mail."""

from django.utils.translation import gettext_lazy as _

from notifications.registry import EMAIL, Kind, register

DIGEST = register(
    Kind(
        name="notifications.digest",
        label=_("Daily digest"),
        template="notifications/email/digest",
        optional=False,
        channels=(EMAIL,),
    )
)

# Sign-up verification, password reset and other account mail: allauth renders them (its
# templates are in templates/account/email/); the outbox stores and delivers them.
ACCOUNT_EMAIL = register(
    Kind(
        name="accounts.account_email",
        label=_("Account security e-mails"),
        template="notifications/email/prerendered",
        optional=False,
        channels=(EMAIL,),
    )
)
