"""The coordinator's review list: filters, search in any script and sorting (django-filter).

A value that does not validate (unknown status, country or specialty) is ignored rather than
answered with an error: coordinators share and edit these URLs by hand.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from applications.models import Application
from applications.selectors import review_filter_choices, review_rows
from reference.models import Specialty

S = Application.Status
REVIEW_STATUSES = [choice for choice in S.choices if choice[0] != S.DRAFT]
ORDERINGS = {
    "name": ["trainee__last_name", "trainee__first_name"],
    "-name": ["-trainee__last_name", "-trainee__first_name"],
    "submitted": ["submitted_at"],
    "-submitted": ["-submitted_at"],
    "status": ["status", "submitted_at"],
    "country": ["trainee__trainee_profile__nationality", "trainee__last_name"],
}


class ReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label=_("Search by name (any script)"))
    status = django_filters.ChoiceFilter(choices=REVIEW_STATUSES, label=_("Status"))
    country = django_filters.ChoiceFilter(
        field_name="trainee__trainee_profile__nationality", label=_("Nationality")
    )
    specialty = django_filters.ModelChoiceFilter(
        field_name="trainee__trainee_profile__specialty",
        queryset=Specialty.objects.none(),
        label=_("Specialty"),
    )
    documents = django_filters.ChoiceFilter(
        choices=[("missing", _("Some missing")), ("complete", _("Complete"))],
        method="filter_documents",
        label=_("Documents"),
    )
    letters = django_filters.ChoiceFilter(
        choices=[("yes", _("At least one")), ("no", _("None yet"))],
        method="filter_letters",
        label=_("Letters received"),
    )
    sort = django_filters.ChoiceFilter(
        choices=[(key, key) for key in ORDERINGS], method="filter_sort"
    )

    def __init__(self, data=None, *, program_id: int, **kwargs):
        if data is not None and data.get("country"):
            data = data.copy()
            data["country"] = data["country"][:2].upper()
        super().__init__(data, queryset=review_rows(program_id), **kwargs)
        self.choices = review_filter_choices(program_id)
        self.filters["country"].extra["choices"] = self.choices["countries"]
        self.filters["specialty"].queryset = Specialty.objects.filter(
            pk__in=[item.pk for item in self.choices["specialties"]]
        )

    def filter_search(self, rows: QuerySet, _name: str, value: str) -> QuerySet:
        for word in value.split():
            rows = rows.filter(
                Q(trainee__first_name__icontains=word)
                | Q(trainee__last_name__icontains=word)
                | Q(trainee__native_name__icontains=word)
                | Q(trainee__email__icontains=word)
            )
        return rows

    def filter_documents(self, rows: QuerySet, _name: str, value: str) -> QuerySet:
        return rows.filter(documents_missing=value == "missing")

    def filter_letters(self, rows: QuerySet, _name: str, value: str) -> QuerySet:
        if value == "yes":
            return rows.filter(letters_received__gt=0)
        return rows.filter(letters_received=0)

    def filter_sort(self, rows: QuerySet, _name: str, value: str) -> QuerySet:
        return rows.order_by(*ORDERINGS[value], "pk")

    def selected(self) -> dict[str, str]:
        """The values in force, as the page's selects compare them (invalid ones blank)."""
        self.is_valid()
        cleaned = self.form.cleaned_data
        return {
            "status": cleaned.get("status") or "",
            "country": cleaned.get("country") or "",
            "specialty": str(cleaned["specialty"].pk) if cleaned.get("specialty") else "",
            "documents": cleaned.get("documents") or "",
            "letters": cleaned.get("letters") or "",
        }
