from django import forms
from django.conf import settings
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.dates import time_zone_choices


class SignupNamesForm(forms.Form):
    """Extra sign-up fields: names in Latin letters (as in passport) and in native script."""

    first_name = forms.CharField(
        label=_("Given name (Latin letters)"), max_length=150, help_text=_("As in passport.")
    )
    last_name = forms.CharField(
        label=_("Family name (Latin letters)"), max_length=150, help_text=_("As in passport.")
    )
    native_name = forms.CharField(
        label=_("Full name in native script"),
        max_length=200,
        required=False,
        help_text=_("E.g. Иван Петров, 김민준 or 王伟. Optional."),
    )
    accept_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and accept it."),
        help_text=format_lazy(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse_lazy("privacy:notice"),
            _("Read the privacy notice"),
        ),
        error_messages={"required": _("Please read and accept the privacy notice.")},
    )

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.native_name = self.cleaned_data.get("native_name", "").strip()
        user.language = getattr(request, "LANGUAGE_CODE", "en") or "en"
        user.privacy_notice_version = settings.PRIVACY_NOTICE_VERSION
        user.privacy_notice_accepted_at = timezone.now()
        user.save()


class ProfileForm(forms.ModelForm):
    """One's own names, language and time zone."""

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("Dates and times are shown in this zone."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "native_name", "language", "time_zone"]
