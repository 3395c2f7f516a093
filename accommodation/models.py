"""Housing for visiting doctors: providers and their beds with availability windows,
housing requests, matching runs and the stays they propose and coordinators confirm."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Provider(models.Model):
    class Kind(models.TextChoices):
        DORMITORY = "dormitory", _("Hospital dormitory")
        APARTMENT = "apartment", _("Partner apartment")
        HOTEL = "hotel", _("Partner hotel")
        HOST_FAMILY = "host_family", _("Host family")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="housing_providers"
    )
    name = models.CharField(_("name"), max_length=200)
    name_native = models.CharField(_("name in native script"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    address = models.CharField(_("address"), max_length=300)
    city = models.CharField(_("city"), max_length=120)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    house_rules = models.TextField(_("house rules"), blank=True)
    languages = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("E.g. Korean, English.")
    )
    managed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("managed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="housing_managed",
        help_text=_(
            "A person who manages this listing themselves, e.g. a supervisor offering a room."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("housing provider")
        verbose_name_plural = _("housing providers")

    def __str__(self) -> str:
        return self.name


class Bed(models.Model):
    class Gender(models.TextChoices):
        ANY = "any", _("Anyone")
        WOMEN = "women", _("Women only")
        MEN = "men", _("Men only")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="beds")
    label = models.CharField(_("room / bed"), max_length=120)
    price_per_night = models.DecimalField(
        _("price per night"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="KRW")
    gender_policy = models.CharField(
        _("who may sleep here"), max_length=10, choices=Gender.choices, default=Gender.ANY
    )
    accessible = models.BooleanField(_("step-free access"), default=False)
    family_friendly = models.BooleanField(_("room for a family"), default=False)
    smoking = models.BooleanField(_("smoking allowed"), default=False)

    class Meta:
        ordering = ["provider", "label"]
        verbose_name = _("bed")
        verbose_name_plural = _("beds")

    def __str__(self) -> str:
        return f"{self.provider} — {self.label}"


class Availability(models.Model):
    bed = models.ForeignKey(Bed, on_delete=models.CASCADE, related_name="availability")
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("availability window")
        verbose_name_plural = _("availability windows")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="availability_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.bed_id}: {self.start}–{self.end}"


# A budget no bed's price reaches: used when the program covers housing.
NO_BUDGET_LIMIT = 1e9


class HousingRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Looking for housing")
        PROPOSED = "proposed", _("Proposal being checked")
        CONFIRMED = "confirmed", _("Housing confirmed")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.OneToOneField(
        "applications.Application", on_delete=models.CASCADE, related_name="housing_request"
    )
    start = models.DateField(_("arrival"))
    end = models.DateField(_("departure"))
    # Empty when the program covers housing: the trainee is not asked, the program pays.
    budget_per_night = models.DecimalField(
        _("budget per night"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        null=True,
        blank=True,
    )
    with_family = models.BooleanField(_("my family comes with me"), default=False)
    needs_accessible = models.BooleanField(_("I need step-free access"), default=False)
    smoker = models.BooleanField(_("I smoke"), default=False)
    same_gender_only = models.BooleanField(
        _("I share a room only with people of my gender"),
        default=False,
        help_text=_("Then only women-only or men-only rooms are proposed."),
    )
    languages = models.CharField(
        _("languages you speak"), max_length=200, blank=True, help_text=_("E.g. Russian, English.")
    )
    max_km = models.PositiveSmallIntegerField(
        _("farthest from the hospitals (km)"), default=10, validators=[MinValueValidator(1)]
    )
    notes = models.TextField(_("anything else"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("housing request")
        verbose_name_plural = _("housing requests")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="housing_dates_in_order")
        ]

    def __str__(self) -> str:
        return f"housing {self.application_id}"

    @property
    def covered_by_program(self) -> bool:
        """The program pays the housing: no budget is asked and none limits the choice."""
        return self.application.program.covers_housing

    def engine_budget(self) -> float:
        """The budget the matching weighs: none (no bed is over it) when the program pays."""
        if self.covered_by_program or self.budget_per_night is None:
            return NO_BUDGET_LIMIT
        return float(self.budget_per_night)


class MatchingRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    housed = models.PositiveIntegerField(default=0)
    unmatched = models.JSONField(default=list)  # [{"request": id, "reason": "..."}]
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    # How good the answer is, as the solver proved it: optimal, or at most `housed_gap`
    # fewer housed and `cost_gap` percent dearer than the best possible (None: not run yet).
    optimal = models.BooleanField(null=True, blank=True)
    housed_gap = models.PositiveIntegerField(default=0)
    cost_gap = models.FloatField(default=0)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_gap__gte=0), name="matching_cost_gap_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"matching {self.pk} ({self.status})"

    def quality(self) -> str:
        """What the coordinator reads about the answer: "optimal" or how far it may be."""
        if self.optimal is None:
            return ""
        if self.optimal:
            return str(_("These proposals are optimal: no other answer houses more or costs less."))
        return str(
            _(
                "These proposals are within %(housed)s housed and %(cost)s %% of cost of the"
                " best possible."
            )
            % {"housed": self.housed_gap, "cost": f"{self.cost_gap:.1f}"}
        )


class Stay(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined by the host")

    request = models.ForeignKey(HousingRequest, on_delete=models.CASCADE, related_name="stays")
    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="stays")
    start = models.DateField()
    end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    cost = models.FloatField(default=0)
    distance_km = models.FloatField(default=0)
    explanation = models.CharField(max_length=500, blank=True)
    run = models.ForeignKey(
        MatchingRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="stays"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Assigned by hand against a hard constraint: which ones, and the coordinator's reason.
    # Stays are never deleted (cancelled ones stay), so this is the history of overrides.
    overridden = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(_("reason for the exception"), blank=True)
    # A host (family, supervisor) asked by a signed link, and their answer.
    host_asked_at = models.DateTimeField(null=True, blank=True)
    host_answered_at = models.DateTimeField(null=True, blank=True)
    host_note = models.CharField(_("note from the host"), max_length=500, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        # Nights are [start, end): `end` is the departure day, so at least one night. On
        # PostgreSQL, migration 0003 adds "stay_bed_one_guest_a_night": a bed's confirmed
        # stays never share a night (proposals may: the matching offers a bed to several).
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="stay_dates_in_order")
        ]
        indexes = [models.Index(fields=["bed", "status", "start", "end"], name="stay_bed_dates")]

    def __str__(self) -> str:
        return f"{self.request_id} @ {self.bed_id} {self.start}–{self.end}"


class OutsideArrangement(models.Model):
    """Housing arranged outside the portal (a hotel, a flat found by the trainee), recorded so
    that readiness knows the trainee has a roof for these nights."""

    application = models.ForeignKey(
        "applications.Application", on_delete=models.CASCADE, related_name="outside_housing"
    )
    name = models.CharField(_("hotel or landlord"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    start = models.DateField(_("arrival"))
    end = models.DateField(_("departure"))
    cost = models.DecimalField(
        _("cost (optional)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("housing arranged outside the portal")
        verbose_name_plural = _("housing arranged outside the portal")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="outside_dates_in_order",
                violation_error_message=_("Departure must be after arrival."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.start}–{self.end}"
