"""Search and filters for the coordinator's program list and the public catalog.

A value that does not validate (unknown id, bad month) is ignored rather than answered
with an error: people share and edit these URLs by hand.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from hospitals.models import Hospital
from programs.models import Program, RotationSite
from reference.models import Language, Specialty

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class CompactSelect(forms.Select):
    """A <select> built in Python. The catalog shows its filter panel on every request, and
    Django's one-template-per-option rendering cost more than all the cards on a page."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        selected = {str(item) for item in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(option), " selected" if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class ProgramManageFilter(django_filters.FilterSet):
    """The coordinator's list: search by title or summary, status, kind, sortable columns."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=Program.Status.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=Program.Kind.choices, label=_("Kind"))
    ordering = django_filters.OrderingFilter(
        fields=(
            ("title", "title"),
            ("start_date", "start_date"),
            ("status", "status"),
            ("seats", "seats"),
        ),
        label=_("Sort by"),
    )

    class Meta:
        model = Program
        fields: list[str] = []

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))


def _catalog_country_choices() -> list[tuple[str, str]]:
    """Countries that have a hospital or a host organisation: the only useful choices."""
    codes = set(Hospital.objects.order_by().values_list("country", flat=True).distinct())
    codes |= set(
        Program.objects.filter(status=Program.Status.PUBLISHED)
        .order_by()
        .values_list("organisation__country", flat=True)
        .distinct()
    )
    return sorted(
        ((code, countries.name(code)) for code in codes if code), key=lambda pair: pair[1]
    )


class CatalogFilter(django_filters.FilterSet):
    """Public catalog: specialty, country, kind, start month, working language, text."""

    q = django_filters.CharFilter(
        method="search",
        label=_("Search"),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Program, hospital…")}),
    )
    specialty = django_filters.ModelChoiceFilter(
        queryset=Specialty.objects.all(),
        method="filter_specialty",
        label=_("Specialty"),
        empty_label=_("Any specialty"),
        widget=CompactSelect,
    )
    country = django_filters.ChoiceFilter(
        choices=_catalog_country_choices,
        method="filter_country",
        label=_("Country"),
        empty_label=_("Any country"),
        widget=CompactSelect,
    )
    kind = django_filters.ChoiceFilter(
        choices=Program.Kind.choices,
        label=_("Kind"),
        empty_label=_("Any kind"),
        widget=CompactSelect,
    )
    month = django_filters.CharFilter(
        method="filter_month",
        label=_("Starting in"),
        widget=forms.TextInput(attrs={"type": "month"}),
    )
    language = django_filters.ChoiceFilter(
        field_name="working_language",
        choices=Language.choices,
        label=_("Working language"),
        empty_label=_("Any language"),
        widget=CompactSelect,
    )

    class Meta:
        model = Program
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Computed once per request, not each time the choices are iterated.
        self.form.fields["country"].choices = [
            ("", _("Any country")),
            *_catalog_country_choices(),
        ]
        # Rendered by hand in the template (crispy costs more than the cards on this page).
        for field in self.form.fields.values():
            is_select = isinstance(field.widget, forms.Select)
            field.widget.attrs["class"] = "form-select" if is_select else "form-control"

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return queryset
        hospital_match = RotationSite.objects.filter(program=OuterRef("pk")).filter(
            Q(department__hospital__name__icontains=value)
            | Q(department__hospital__name_native__icontains=value)
        )
        return queryset.filter(
            Q(title__icontains=value)
            | Q(summary__icontains=value)
            | Q(organisation__name__icontains=value)
            | Q(organisation__name_native__icontains=value)
            | Exists(hospital_match)
        )

    def filter_specialty(self, queryset: QuerySet, name: str, value: Specialty) -> QuerySet:
        through = Program.specialties.through.objects.filter(
            program_id=OuterRef("pk"), specialty_id=value.pk
        )
        return queryset.filter(Exists(through))

    def filter_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        hospital_in_country = RotationSite.objects.filter(
            program=OuterRef("pk"), department__hospital__country=value
        )
        return queryset.filter(Q(organisation__country=value) | Exists(hospital_in_country))

    def filter_month(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        match = MONTH_PATTERN.match(value.strip())
        if not match:
            return queryset
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            return queryset
        return queryset.filter(start_date__year=year, start_date__month=month)
