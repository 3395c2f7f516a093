from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accommodation.models import Bed, HousingRequest, OutsideArrangement, Provider
from accounts.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProviderForm(forms.ModelForm):
    manager_email = forms.EmailField(
        label=_("Managed by (e-mail of a portal user, optional)"),
        required=False,
        help_text=_(
            "A host family or a supervisor offering a room can then add beds and dates "
            "themselves. They need an account on the portal."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.managed_by_id:
            self.fields["manager_email"].initial = self.instance.managed_by.email

    def clean_manager_email(self):
        email = (self.cleaned_data.get("manager_email") or "").strip()
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("Nobody with this e-mail address has an account yet."))
        return user

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
    price_per_month = forms.DecimalField(
        label=_("or price per month"),
        required=False,
        min_value=0,
        decimal_places=2,
        help_text=_("For monthly rents: stored as the price per night (a month counts 30 nights)."),
    )
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["price_per_night"].required = False

    def clean(self):
        cleaned = super().clean()
        night, month = cleaned.get("price_per_night"), cleaned.get("price_per_month")
        if night is None and month is None:
            self.add_error("price_per_night", _("Give a price per night or per month."))
        elif night is None:
            cleaned["price_per_night"] = (month / Decimal(30)).quantize(Decimal("0.01"))
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
            "start": _(
                "Filled in from your placements; change it if you arrive earlier. Housing may "
                "cover part of your stay (e.g. the first 3 months)."
            ),
            "budget_per_night": _("In the currency of the host country."),
        }

    def __init__(self, *args, covered: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if covered:  # the program pays: no budget is asked
            del self.fields["budget_per_night"]
        else:
            self.fields["budget_per_night"].required = True


class AssignForm(forms.Form):
    """A bed chosen by hand, the nights (the request's or a part), and the reason for an
    exception when the bed breaks a rule."""

    bed = forms.ModelChoiceField(label=_("Bed"), queryset=Bed.objects.none())
    start = forms.DateField(label=_("Arrival"), widget=DateInput())
    end = forms.DateField(label=_("Departure"), widget=DateInput())
    reason = forms.CharField(
        label=_("Reason for the exception"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the bed breaks a rule shown above; kept with the stay."),
    )

    def __init__(self, *args, beds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds if beds is not None else Bed.objects.none()


class OutsideForm(forms.ModelForm):
    class Meta:
        model = OutsideArrangement
        fields = ["name", "address", "start", "end", "cost", "currency", "notes"]
        widgets = {
            "start": DateInput(),
            "end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }


class HostAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("A note for the coordinators (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
