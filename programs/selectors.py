"""Reads for programs: querysets scoped by who is asking, with everything a page shows
fetched in a fixed number of queries however many programs there are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache

from django.db.models import Case, CharField, Count, Prefetch, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext, ngettext

from accounts.models import Organisation, User
from core import dates
from core.deletion import count_by_status
from hospitals.models import Department
from programs.filters import CatalogFilter
from programs.models import Program, ProgramStatusChange, RotationSite


def program_for_coordinator(user: User, pk: int) -> Program:
    """A program of the coordinator's own organisation, or 404 (ids cannot be probed)."""
    return get_object_or_404(Program, pk=pk, organisation_id=user.coordinator_of_id or 0)


def programs_for_coordinator(user: User) -> QuerySet[Program]:
    """The programs of the coordinator's own organisation (none for anyone else), with the
    number of rotation sites."""
    if not user.is_authenticated or not user.is_coordinator:
        return Program.objects.none()
    return (
        Program.objects.filter(organisation_id=user.coordinator_of_id)
        .annotate(rotation_count=Count("rotation_sites", distinct=True))
        .order_by("start_date", "title", "pk")
    )


def program_detail_for_coordinator(user: User) -> QuerySet[Program]:
    """Programs of the coordinator's organisation with sites, specialties and history."""
    return (
        Program.objects.filter(organisation_id=user.coordinator_of_id)
        .select_related("organisation")
        .prefetch_related(
            "specialties",
            Prefetch(
                "rotation_sites",
                queryset=RotationSite.objects.select_related("department__hospital"),
            ),
            Prefetch(
                "status_changes",
                queryset=ProgramStatusChange.objects.select_related("by"),
            ),
        )
    )


def departments_for_coordinator(user: User) -> QuerySet[Department]:
    """Departments of the hospitals of the coordinator's organisation."""
    return Department.objects.filter(
        hospital__organisation_id=user.coordinator_of_id
    ).select_related("hospital")


def _application_state(zones: Iterable[str]) -> Case:
    """Where each program's window stands on today's date at its host organisation."""

    def each_zone(rule) -> Q:
        return dates.in_each_zone(zones, zone_field="organisation__time_zone", rule=rule)

    return Case(
        When(
            each_zone(lambda today, _zone: Q(application_opens__gt=today)), then=Value("upcoming")
        ),
        When(each_zone(lambda today, _zone: Q(application_closes__lt=today)), then=Value("closed")),
        default=Value("open"),
        output_field=CharField(),
    )


def catalog_programs(
    filters: Mapping[str, str] | None = None, *, with_sites: bool = True
) -> QuerySet[Program]:
    """Published programs that have not ended, soonest first; `filters` are catalog query
    parameters (see CatalogFilter), invalid ones ignored. Each program is annotated with
    `application_state`: upcoming, open or closed. Each program is judged on today's date
    where its host organisation is (one condition per time zone in use, so the query count
    stays the same however many organisations there are). With `with_sites` the specialties and
    rotation sites (department and hospital) come along for the detail page; the list's
    cards show neither (see catalog_card_rows)."""
    zones = Organisation.time_zones_in_use()
    not_ended = dates.in_each_zone(
        zones,
        zone_field="organisation__time_zone",
        rule=lambda today, _zone: Q(end_date__gte=today),
    )
    queryset = (
        Program.objects.filter(not_ended, status=Program.Status.PUBLISHED)
        .select_related("organisation")
        .annotate(application_state=_application_state(zones))
        .order_by("start_date", "title", "pk")
    )
    if with_sites:
        queryset = queryset.prefetch_related(
            "specialties",
            Prefetch(
                "rotation_sites",
                queryset=RotationSite.objects.select_related("department__hospital"),
            ),
        )
    if filters is not None:
        queryset = CatalogFilter(filters, queryset=queryset).qs
    return queryset


def rotation_by_hospital(program: Program) -> list[dict]:
    """The program's rotation sites grouped by hospital, then department, in date order:
    [{"hospital": Hospital, "departments": [{"department": Department, "sites": [...]}]}].
    Uses the prefetched rotation sites (no extra query with catalog_programs())."""
    hospitals: dict[int, dict] = {}
    for site in sorted(program.rotation_sites.all(), key=lambda s: (s.start_date, s.pk)):
        hospital = site.department.hospital
        entry = hospitals.setdefault(hospital.pk, {"hospital": hospital, "departments": {}})
        department = entry["departments"].setdefault(
            site.department_id, {"department": site.department, "sites": []}
        )
        department["sites"].append(site)
    return [
        {"hospital": entry["hospital"], "departments": list(entry["departments"].values())}
        for entry in hospitals.values()
    ]


def seats_left(program: Program) -> int:
    """Seats still free on the program: seats minus accepted offers (counted on the program
    row by the applications' state machine, under the lock that serialises acceptances)."""
    return program.seats_left


STATE_CLASSES = {"open": "text-success", "upcoming": "text-primary", "closed": "text-muted"}

# The columns a catalog card shows.
CARD_COLUMNS = (
    "pk",
    "title",
    "summary",
    "kind",
    "start_date",
    "end_date",
    "application_opens",
    "application_closes",
    "application_state",
    "seats",
    "fee",
    "currency",
    "covers_travel",
    "covers_stipend",
    "covers_housing",
    "covers_meals",
    "organisation_id",
    "organisation__name",
    "organisation__name_native",
)


@lru_cache(maxsize=8192)
def _localised_date(language: str, day: date) -> str:
    """date_format() (what the |date filter does) remembered per language: programs share a
    few hundred dates, and formatting one costs as much as the rest of its card."""
    return date_format(day)


def catalog_card_rows(programs: QuerySet[Program]) -> QuerySet:
    """The catalog_programs() queryset as plain rows of CARD_COLUMNS, for catalog_cards."""
    return programs.values(*CARD_COLUMNS)


def catalog_cards(rows: Iterable[dict]) -> list[dict[str, str]]:
    """What each catalog card shows, formatted once in Python in the active language.

    The list page renders up to a few hundred cards: one template tag or filter per card
    costs more than this whole function does per card, and the template reads dicts
    fastest. Keys: pk, url, title, summary, kind, host, dates, seats, price, covered,
    application_state, application_text, application_class.
    """
    kinds = {value: str(label) for value, label in Program.Kind.choices}
    covered_labels = {
        "covers_travel": gettext("Travel"),
        "covers_stipend": gettext("Stipend"),
        "covers_housing": gettext("Housing"),
        "covers_meals": gettext("Meals"),
    }
    free = gettext("Free")
    texts = {
        "open": gettext("Applications open until %(date)s"),
        "upcoming": gettext("Applications open on %(date)s"),
        "closed": gettext("Applications closed"),
    }
    # catalog:detail is "<pk>/" under catalog:list (urls_catalog.py): one reverse() per
    # page instead of one per card.
    catalog_url = reverse("catalog:list")
    language = get_language()
    hosts: dict[int, str] = {}

    def show(day: date) -> str:
        return _localised_date(language, day)

    def host(row: dict) -> str:
        if row["organisation_id"] not in hosts:
            organisation = Organisation(
                name=row["organisation__name"], name_native=row["organisation__name_native"]
            )
            hosts[row["organisation_id"]] = str(organisation)
        return hosts[row["organisation_id"]]

    cards = []
    for row in rows:
        state = row["application_state"]
        if state == "closed":
            application_text = texts[state]
        else:
            window = row["application_opens" if state == "upcoming" else "application_closes"]
            application_text = texts[state] % {"date": show(window)}
        if row["fee"]:
            price = f"{number_format(row['fee'], decimal_pos=2)} {row['currency']}"
        else:
            price = free
        cards.append(
            {
                "pk": row["pk"],
                "url": f"{catalog_url}{row['pk']}/",
                "title": row["title"],
                "summary": row["summary"],
                "kind": kinds.get(row["kind"], row["kind"]),
                "host": host(row),
                "dates": f"{show(row['start_date'])} \N{EN DASH} {show(row['end_date'])}",
                "seats": ngettext("%(count)d seat", "%(count)d seats", row["seats"])
                % {"count": row["seats"]},
                "price": price,
                "covered": ", ".join(
                    label for field, label in covered_labels.items() if row[field]
                ),
                "application_state": state,
                "application_text": application_text,
                "application_class": STATE_CLASSES[state],
            }
        )
    return cards


# --- What stops a deletion ------------------------------------------------------------
# Applications, preferences and placements live on higher floors: reached through their
# reverse relations and only counted, never imported.


def dependents_of_program(program: Program) -> list[str]:
    """Applications to the program (a draft that was published once may have some)."""
    count, statuses = count_by_status(program.applications.all())
    if not count:
        return []
    return [
        ngettext(
            "%(count)d application: %(statuses)s", "%(count)d applications: %(statuses)s", count
        )
        % {"count": count, "statuses": statuses}
    ]


def dependents_of_rotation_site(site: RotationSite) -> list[str]:
    """Placements in the site, and applications that ranked it among their wishes."""
    lines = []
    count, statuses = count_by_status(site.placements.all())
    if count:
        lines.append(
            ngettext(
                "%(count)d placement: %(statuses)s", "%(count)d placements: %(statuses)s", count
            )
            % {"count": count, "statuses": statuses}
        )
    ranked = site.preference_set.values("application").distinct().count()
    if ranked:
        lines.append(
            ngettext("Ranked by %(count)d application", "Ranked by %(count)d applications", ranked)
            % {"count": ranked}
        )
    return lines
