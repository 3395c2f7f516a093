"""Getting there: the visa of an application (trainee x program) with its history, the lead
times of embassies per host country and nationality, the trainee's arrival and the person who
picks them up (who needs no account)."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from trainees.models import phone_validator

# When no lead time is configured for a host country and nationality.
DEFAULT_LEAD_DAYS = 60
DEFAULT_MARGIN_DAYS = 14
# Arrival details are late when still missing this many days before the start (issue 14).
ARRIVAL_DUE_DAYS = 14


class VisaLeadTime(models.Model):
    """How long a visa takes for a nationality going to a host country, from the appointment
    at the embassy to the decision; the visa is late when the start is nearer than the lead
    time plus the margin."""

    host_country = CountryField(_("host country"))
    nationality = CountryField(_("nationality"))
    days = models.PositiveSmallIntegerField(_("lead time (days)"))
    margin_days = models.PositiveSmallIntegerField(_("margin (days)"), default=DEFAULT_MARGIN_DAYS)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visa lead time")
        verbose_name_plural = _("visa lead times")
        ordering = ["host_country", "nationality"]
        constraints = [
            models.UniqueConstraint(
                fields=["host_country", "nationality"], name="travel_lead_time_unique_pair"
            ),
            models.CheckConstraint(condition=Q(days__lte=365), name="travel_lead_time_plausible"),
        ]

    def __str__(self) -> str:
        return f"{self.host_country} ← {self.nationality}: {self.days}"


class Visa(models.Model):
    class Status(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed")
        PREPARING = "preparing", _("Preparing")
        APPOINTMENT = "appointment", _("Appointment booked")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="visa"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREPARING
    )
    appointment_on = models.DateField(_("appointment date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    refusal_reason = models.CharField(_("reason for the refusal"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("visa")
        verbose_name_plural = _("visas")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="appointment") | Q(appointment_on__isnull=False),
                name="travel_visa_appointment_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="granted")
                | Q(
                    valid_from__isnull=False,
                    valid_until__isnull=False,
                    valid_from__lte=models.F("valid_until"),
                ),
                name="travel_visa_granted_has_validity",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_reason=""),
                name="travel_visa_refused_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_status_display()}"

    @property
    def done(self) -> bool:
        return self.status in (self.Status.NOT_NEEDED, self.Status.GRANTED)


class VisaChange(models.Model):
    """The visa's history: who changed it, when, from which status to which."""

    visa = models.ForeignKey(Visa, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=20, choices=Visa.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Visa.Status.choices)
    summary = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Arrival(models.Model):
    class Mode(models.TextChoices):
        FLIGHT = "flight", _("Flight")
        TRAIN = "train", _("Train")
        CAR = "car", _("Car")
        OTHER = "other", _("Other")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="arrival"
    )
    mode = models.CharField(_("how you travel"), max_length=10, choices=Mode.choices)
    flight_number = models.CharField(_("flight number"), max_length=10, blank=True)
    airport = models.CharField(_("arrival airport (IATA code)"), max_length=3, blank=True)
    place = models.CharField(_("arrival place"), max_length=200, blank=True)
    # The moment in UTC, and the zone in which it is told (the airport's, or the host's).
    arrives_at = models.DateTimeField(_("arrival"))
    time_zone = models.CharField(max_length=64)
    pickup_requested = models.BooleanField(_("I would like to be picked up"), default=False)
    meeting_point = models.CharField(_("meeting point"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("arrival")
        verbose_name_plural = _("arrivals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mode="flight") | (~Q(flight_number="") & ~Q(airport="")),
                name="travel_flight_has_number_and_airport",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.arrives_at:%Y-%m-%d %H:%M} UTC"

    @property
    def local_arrival(self) -> datetime:
        """The arrival in the zone where it happens (the airport's)."""
        return self.arrives_at.astimezone(zoneinfo.ZoneInfo(self.time_zone))


class Pickup(models.Model):
    """The person who meets the trainee (a driver, a volunteer, the supervisor): no account
    needed; they answer through a signed link."""

    class Status(models.TextChoices):
        ASKED = "asked", _("Waiting for an answer")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Cannot do it")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="pickup"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    language = models.CharField(
        _("language of the e-mail"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ASKED)
    answer_note = models.CharField(_("note"), max_length=300, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pickup")
        verbose_name_plural = _("pickups")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="asked") | Q(answered_at__isnull=False),
                name="travel_pickup_answer_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} → {self.application}"
