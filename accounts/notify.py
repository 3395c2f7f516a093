"""Notification kinds sent by the accounts app."""

from django.utils.translation import gettext_lazy as _

from notifications.registry import EMAIL, Kind, register

INVITATION = register(
    Kind(
        name="accounts.invitation",
        label=_("Invitation to join a host organisation"),
        template="accounts/email/invitation",
        optional=False,
        channels=(EMAIL,),
    )
)
