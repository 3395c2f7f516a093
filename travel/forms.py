"""Travel forms: one column on a phone (crispy, Bootstrap 5), native date and time inputs."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from travel.airports import airport
from travel.models import Arrival, Pickup, Visa, VisaLeadTime


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class VisaForm(forms.ModelForm):
    class Meta:
        model = Visa
        fields = ["status", "appointment_on", "valid_from", "valid_until", "refusal_reason"]
        widgets = {
            "appointment_on": DateInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }
        help_texts = {
            "appointment_on": _("Only for “Appointment booked”."),
            "valid_until": _("Only for “Granted”: the dates printed on the visa."),
            "refusal_reason": _("Only for “Refused”."),
        }

    def _post_clean(self) -> None:
        """The rules are the service's (visa_save); the model's own checks run there."""


class ArrivalForm(forms.Form):
    mode = forms.ChoiceField(label=_("How do you travel?"), choices=Arrival.Mode.choices)
    flight_number = forms.CharField(
        label=_("Flight number"), max_length=10, required=False, help_text=_("E.g. LH 723.")
    )
    airport = forms.CharField(
        label=_("Arrival airport (IATA code)"),
        max_length=3,
        required=False,
        help_text=_("Three letters, e.g. FRA for Frankfurt, ICN for Seoul Incheon."),
    )
    place = forms.CharField(
        label=_("Arrival place"),
        max_length=200,
        required=False,
        help_text=_("For a train, car or other: the station or address."),
    )
    day = forms.DateField(label=_("Arrival date"), widget=DateInput())
    clock = forms.TimeField(
        label=_("Arrival time"),
        widget=TimeInput(),
        help_text=_("Local time where you arrive (at the airport), as on your ticket."),
    )
    pickup_requested = forms.BooleanField(label=_("I would like to be picked up"), required=False)
    meeting_point = forms.CharField(
        label=_("Meeting point"),
        max_length=300,
        required=False,
        help_text=_("E.g. Terminal 1, arrival hall B, in front of the pharmacy."),
    )

    def clean_airport(self) -> str:
        code = (self.cleaned_data.get("airport") or "").strip().upper()
        if code and airport(code) is None:
            raise forms.ValidationError(_("No airport has this IATA code."))
        return code

    def clean(self):
        data = super().clean()
        if data.get("mode") == Arrival.Mode.FLIGHT:
            if not data.get("flight_number"):
                self.add_error("flight_number", _("Give the flight number."))
            if not data.get("airport") and "airport" not in self.errors:
                self.add_error("airport", _("Give the arrival airport."))
        elif data.get("mode") and not (data.get("place") or "").strip():
            self.add_error("place", _("Give the station or address where you arrive."))
        return data


class PickupForm(forms.ModelForm):
    class Meta:
        model = Pickup
        fields = ["name", "email", "phone", "language"]
        help_texts = {
            "name": _("A driver, a volunteer or the supervisor; they need no account."),
            "email": _("They get the flight, time, meeting point and a link to confirm."),
            "phone": _("In international format, e.g. +49 69 1234 5678."),
        }

    def _post_clean(self) -> None:
        """The service validates and saves (pickup_assign)."""


class PickupAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("confirm", _("I will be there")), ("decline", _("I cannot do it"))],
        widget=forms.RadioSelect,
        label=_("Your answer"),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class LeadTimeForm(forms.ModelForm):
    class Meta:
        model = VisaLeadTime
        fields = ["nationality", "days", "margin_days", "notes"]
