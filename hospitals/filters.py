"""Search, filters and sortable columns for the coordinator's hospital lists.

A value that does not validate (unknown id, unknown country) is ignored rather than
answered with an error: people share and edit these URLs by hand.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hospitals import selectors
from hospitals.models import Hospital, Partnership, Supervisor
from reference.models import Specialty


def _country_choices() -> list[tuple[str, str]]:
    return [(country.code, country.name) for country in countries]


class HospitalFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    country = django_filters.ChoiceFilter(label=_("Country"), empty_label=_("Any country"))
    kind = django_filters.ChoiceFilter(
        choices=Hospital.Kind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("city", "city"),
            ("country", "country"),
            ("kind", "kind"),
            ("department_count", "departments"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Hospital
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Country names in the viewer's language, so built per request.
        self.filters["country"].extra["choices"] = _country_choices()

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Name in Latin letters or in native script, or city."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(name_native__icontains=value) | Q(city__icontains=value)
        )


def _own_hospitals(request) -> QuerySet[Hospital]:
    if request is None:
        return Hospital.objects.none()
    return selectors.hospitals_for_user(request.user).order_by("name")


class SupervisorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    hospital = django_filters.ModelChoiceFilter(
        field_name="department__hospital",
        queryset=_own_hospitals,
        label=_("Hospital"),
        empty_label=_("Any hospital"),
    )
    specialty = django_filters.ModelChoiceFilter(
        field_name="department__specialty",
        queryset=Specialty.objects.order_by("name"),
        label=_("Specialty"),
        empty_label=_("Any specialty"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("user__last_name", "name"),
            ("department__hospital__name", "hospital"),
            ("department__name", "department"),
            ("max_trainees", "max_trainees"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Supervisor
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Name in Latin letters or native script, or e-mail address."""
        value = value.strip()
        if not value:
            return queryset
        query = (
            Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
            | Q(user__native_name__icontains=value)
            | Q(user__email__icontains=value)
        )
        parts = value.split()
        if len(parts) >= 2:
            query |= Q(user__first_name__icontains=parts[0], user__last_name__icontains=parts[-1])
        return queryset.filter(query)


class PartnershipFilter(django_filters.FilterSet):
    ACTIVE, EXPIRED = "active", "expired"

    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(
        choices=((ACTIVE, _("Active")), (EXPIRED, _("Expired"))),
        method="filter_status",
        label=_("Status"),
        empty_label=_("Any status"),
    )
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("partner__name", "partner"),
            ("signed_on", "signed_on"),
            ("expires_on", "expires_on"),
            ("yearly_quota", "yearly_quota"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Partnership
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Title, or the partner's name in either script."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(partner__name__icontains=value)
            | Q(partner__name_native__icontains=value)
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == self.ACTIVE:
            return queryset.filter(selectors.active_partnerships_q())
        if value == self.EXPIRED:
            return queryset.exclude(selectors.active_partnerships_q())
        return queryset


class SpecialtyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("department_count", "departments")),
        label=_("Sort by"),
    )

    class Meta:
        model = Specialty
        fields: list[str] = []
