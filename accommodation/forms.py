from django import forms
from django.utils.translation import gettext_lazy as _

from accommodation.models import Bed, HousingRequest, Provider


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProviderForm(forms.ModelForm):
    class Meta:
        model = Provider
        fields = [
            "name",
            "name_native",
            "kind",
            "address",
            "city",
            "latitude",
            "longitude",
            "contact_name",
            "contact_email",
            "contact_phone",
            "house_rules",
            "languages",
        ]
        widgets = {"house_rules": forms.Textarea(attrs={"rows": 3})}


class BedForm(forms.ModelForm):
    available_from = forms.DateField(label=_("Available from"), widget=DateInput())
    available_until = forms.DateField(label=_("Available until"), widget=DateInput())

    class Meta:
        model = Bed
        fields = [
            "label",
            "price_per_night",
            "currency",
            "gender_policy",
            "accessible",
            "family_friendly",
            "smoking",
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", _("The window cannot end before it starts."))
        return cleaned

    def bed_data(self) -> dict:
        return {field: self.cleaned_data[field] for field in self.Meta.fields}

    def windows(self):
        return [(self.cleaned_data["available_from"], self.cleaned_data["available_until"])]


class HousingRequestForm(forms.ModelForm):
    class Meta:
        model = HousingRequest
        fields = [
            "start",
            "end",
            "budget_per_night",
            "max_km",
            "with_family",
            "needs_accessible",
            "smoker",
            "same_gender_only",
            "languages",
            "notes",
        ]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "start": _("Filled in from your placements; change it if you arrive earlier."),
            "budget_per_night": _("In the currency of the host country."),
        }
