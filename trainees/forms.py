"""Forms check what a person typed and show the error next to the field; services save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import CefrLevel, DocumentType, Language, Specialty
from trainees.models import TraineeProfile
from trainees.selectors import NOT_UPLOADED


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(
        label=_("Given names (Latin letters, as in passport)"), max_length=150
    )
    last_name = forms.CharField(
        label=_("Family name (Latin letters, as in passport)"), max_length=150
    )
    native_name = forms.CharField(
        label=_("Full name in your own script"),
        max_length=200,
        required=False,
        help_text=_("E.g. Иван Петров, 김민준 or 王伟."),
    )

    class Meta:
        model = TraineeProfile
        fields = [
            "date_of_birth",
            "sex",
            "nationality",
            "passport_number",
            "current_hospital",
            "current_position",
            "specialty",
            "years_of_practice",
            "phone",
            "emergency_contact_name",
            "emergency_contact_phone",
            "emergency_contact_relation",
        ]
        widgets = {"date_of_birth": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["native_name"].initial = user.native_name
        self.fields["specialty"].queryset = Specialty.objects.order_by("name")
        self.fields["years_of_practice"].widget.attrs["max"] = 70
        for name in ("phone", "emergency_contact_phone"):
            self.fields[name].widget.attrs.update(
                {"inputmode": "tel", "autocomplete": "tel", "placeholder": "+7 423 222 33 44"}
            )
        self.order_fields(["first_name", "last_name", "native_name"])


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *Language.choices], required=False
    )
    level = forms.ChoiceField(
        label=_("Level (CEFR)"), choices=[("", "—"), *CefrLevel.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("language")) != bool(cleaned.get("level")):
            raise forms.ValidationError(_("Choose both a language and your level."))
        return cleaned


def language_formset(data=None, profile: TraineeProfile | None = None):
    initial = []
    if profile is not None and profile.pk and data is None:
        initial = [{"language": s.language, "level": s.level} for s in profile.languages.all()]
    formset_class = forms.formset_factory(LanguageForm, extra=2, max_num=8, absolute_max=8)
    return formset_class(data, initial=initial, prefix="languages")


def chosen_languages(formset) -> list[tuple[str, str]]:
    return [
        (form.cleaned_data["language"], form.cleaned_data["level"])
        for form in formset.forms
        if form.cleaned_data.get("language")
    ]


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "A recent face photo, JPEG, PNG or WebP, at most 10 MB. Location data is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class DocumentForm(forms.Form):
    type = forms.ChoiceField(
        label=_("Document"),
        choices=[(code, label) for code, label in DocumentType.choices if code not in NOT_UPLOADED],
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, or a JPEG/PNG photo of the document, at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("For passports, licences and insurance."),
    )

    def clean_expires_on(self):
        value = self.cleaned_data.get("expires_on")
        if value and value < timezone.localdate():
            raise forms.ValidationError(_("This document has already expired."))
        return value


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("verify", _("Verify")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    reason = forms.CharField(label=_("Reason (for a rejection)"), max_length=300, required=False)
