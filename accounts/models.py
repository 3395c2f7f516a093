"""Users, organisations and the roles people hold in them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core import dates
from core.dates import validate_time_zone

INVITATION_VALIDITY = timedelta(days=14)


class Organisation(models.Model):
    """An institution: a host organisation that runs programs, or a partner that sends
    doctors (hospital, agency, nominating ministry)."""

    class Kind(models.TextChoices):
        HOST = "host", _("Host organisation")
        SENDING = "sending", _("Sending hospital")
        MINISTRY = "ministry", _("Nominating ministry or authority")
        AGENCY = "agency", _("Exchange agency")

    name = models.CharField(_("name (Latin letters)"), max_length=200)
    name_native = models.CharField(
        _("name in native script"),
        max_length=200,
        blank=True,
        help_text=_("As written locally, e.g. 경기도 or Приморский край."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HOST)
    country = CountryField(_("country"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Where the organisation is, e.g. Asia/Seoul. Its deadlines, reminders and late "
            "flags follow the date there."
        ),
    )
    letter_language = models.CharField(
        _("second language of invitation letters"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "Invitation letters are in English; choose a language to add a copy in it, e.g. "
            "for the local immigration office."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        if self.name_native and self.name_native != self.name:
            return f"{self.name} ({self.name_native})"
        return self.name

    def today(self, now: datetime | None = None) -> date:
        """Today's date where the organisation is (not the server's UTC date)."""
        return dates.today_in(self.time_zone, now)

    def local_date(self, moment: datetime) -> date:
        """The date a stored (UTC) moment falls on where the organisation is."""
        return dates.local_date(moment, self.time_zone)

    def day_start(self, day: date) -> datetime:
        """The first moment of `day` where the organisation is."""
        return dates.day_start(day, self.time_zone)

    @classmethod
    def time_zones_in_use(cls) -> list[str]:
        """The distinct time zones of all organisations (one query)."""
        return list(cls.objects.order_by().values_list("time_zone", flat=True).distinct())

    @classmethod
    def where_today(
        cls,
        *,
        path: str,
        rule: Callable[[date, str], models.Q],
        now: datetime | None = None,
    ) -> models.Q:
        """A filter judging each row by today where its organisation is: `path` leads from
        the filtered model to the organisation ("organisation", "program__organisation"),
        `rule(today, zone name)` is the condition for the rows of one time zone. One query
        reads the zones in use."""
        return dates.in_each_zone(
            cls.time_zones_in_use(), zone_field=f"{path}__time_zone", rule=rule, now=now
        )


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. The e-mail address is the login; names are kept in Latin letters (as in the
    passport) and in the person's native script."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(
        _("given name (Latin letters)"), max_length=150, blank=True, help_text=_("As in passport.")
    )
    last_name = models.CharField(
        _("family name (Latin letters)"), max_length=150, blank=True, help_text=_("As in passport.")
    )
    native_name = models.CharField(
        _("full name in native script"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Иван Петров, 김민준 or 王伟. Leave empty if the same as above."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Dates and times are shown in this zone, e.g. Asia/Seoul."),
    )
    coordinator_of = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinator of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinators",
        help_text=_("Host organisation whose programs this person coordinates."),
    )
    # The privacy notice this person accepted (settings.PRIVACY_NOTICE_VERSION at the time),
    # and when; asked again when the version changes.
    privacy_notice_version = models.CharField(
        _("privacy notice accepted"), max_length=20, blank=True, editable=False
    )
    privacy_notice_accepted_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # The manager and allauth store addresses in lower case; this holds it for every
            # other write (admin, shell, a future path): Ivan@x.org and ivan@x.org are one.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_code="unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def latin_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def display_name(self) -> str:
        """“Ivan Petrov (Иван Петров)”: both scripts when both are known."""
        latin = self.latin_name
        if latin and self.native_name and self.native_name != latin:
            return f"{latin} ({self.native_name})"
        return latin or self.native_name or self.email

    @property
    def privacy_notice_current(self) -> bool:
        return self.privacy_notice_version == settings.PRIVACY_NOTICE_VERSION

    @property
    def is_coordinator(self) -> bool:
        return self.coordinator_of_id is not None

    @cached_property
    def is_supervisor(self) -> bool:
        return self.supervisor_roles.exists()

    @property
    def role_label(self) -> str:
        if self.is_coordinator:
            return str(_("Coordinator"))
        if self.is_supervisor:
            return str(_("Supervisor"))
        return str(_("Trainee"))


class Invitation(models.Model):
    """A coordinator invites a colleague by e-mail to coordinate, or to supervise trainees in
    some departments. The link in the e-mail is signed, expires, and works once."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        SUPERVISOR = "supervisor", _("Supervisor")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    departments = models.ManyToManyField(
        "hospitals.Department",
        verbose_name=_("departments"),
        blank=True,
        help_text=_("For supervisors: the departments where they supervise trainees."),
    )
    max_trainees = models.PositiveSmallIntegerField(
        _("maximum trainees at a time"), default=2, help_text=_("For supervisors.")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")), name="invitation_expires_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.get_role_display()} ({self.organisation})"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = (self.created_at or timezone.now()) + INVITATION_VALIDITY
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired
