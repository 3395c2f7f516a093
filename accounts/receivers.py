"""Accounts listen to Django's and allauth's sign-in events to keep the facts the staff
session rules need in the session (accounts.middleware). Connected in AccountsConfig.ready()."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts import security


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def stamp_sign_in(*, request, **_kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        security.note_sign_in(request)


@receiver(authenticator_added, sender=Authenticator, dispatch_uid="accounts.authenticator_added")
def second_factor_proven_by_setup(*, request, **_kwargs) -> None:
    # Setting up an authenticator needs a valid code from it: this session has used it.
    if request is not None:
        security.note_authenticator_added(request)
