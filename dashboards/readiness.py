"""The readiness dashboard: per accepted trainee, the checklist before arrival, with late
flags by days before the start, counts per column, and exports made in the background."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from accommodation.selectors import housing_settled
from applications.models import Application
from core.exports import safe_row
from letters.models import InvitationLetter
from placements.models import Placement
from programs.models import Program
from trainees.models import Document, DocumentReview
from trainees.selectors import NOT_UPLOADED
from travel.selectors import TravelState, all_lead_times, travel_state

# (key, label, days before the start after which a missing item is late; None: the late
# flag is the item's own, e.g. the visa's lead time for the nationality).
COLUMNS = [
    ("documents", _("Documents verified"), 60),
    ("offer", _("Offer accepted"), 60),
    ("letter", _("Invitation letter issued"), 60),
    ("visa", _("Visa granted"), None),
    ("supervisors", _("Supervisors assigned and approved"), 45),
    ("plan", _("Training plan shared"), 14),
    ("accommodation", _("Accommodation confirmed"), 90),
    ("arrival", _("Arrival details given"), None),
    ("pickup", _("Pickup arranged"), None),
]
# Columns whose issue has not landed yet (shown as "not yet available").
NOT_YET_AVAILABLE: set[str] = set()


@dataclass
class Item:
    key: str
    done: bool | None  # None: not yet available
    late: bool


@dataclass
class ReadinessRow:
    application: Application
    items: list[Item] = field(default_factory=list)

    @property
    def late(self) -> bool:
        return any(item.late for item in self.items)


def _done(
    application: Application, required: list[str], travel: TravelState
) -> dict[str, bool | None]:
    documents = {d.type: d for d in application.trainee.current_documents}
    needed = [code for code in required if code not in NOT_UPLOADED]
    placements = list(application.live_placements)
    return {
        # Verified by the program's own organisation (reviews prefetched for it only).
        "documents": all(code in documents and documents[code].verified_here for code in needed),
        "offer": application.status == Application.Status.ACCEPTED,
        "letter": bool(application.current_letters),
        "supervisors": bool(placements)
        and all(
            p.supervisor_id
            and p.status
            in (Placement.Status.APPROVED, Placement.Status.CONFIRMED, Placement.Status.IN_PROGRESS)
            for p in placements
        ),
        "plan": bool(placements)
        and all(
            hasattr(p, "training_plan") and p.training_plan.published_at is not None
            for p in placements
        ),
        "accommodation": application.has_housing,
        "visa": travel.visa_done,
        "arrival": travel.arrival_done,
        "pickup": travel.pickup_done,
    }


def readiness(program: Program, *, today: date | None = None) -> tuple[list[ReadinessRow], dict]:
    """Rows for the accepted trainees of a program, and per column the number done and late.
    An item is late from N days before the start, counted from today where the host is."""
    today = today or program.organisation.today()
    applications = (
        Application.objects.filter(program=program, status=Application.Status.ACCEPTED)
        .select_related(
            "trainee__trainee_profile", "program__organisation", "visa", "arrival", "pickup"
        )
        .annotate(
            # A confirmed stay, or housing arranged outside the portal.
            has_housing=housing_settled(OuterRef("pk"))
        )
        .prefetch_related(
            Prefetch(
                "trainee__documents",
                queryset=Document.objects.filter(is_current=True).prefetch_related(
                    Prefetch(
                        "reviews",
                        queryset=DocumentReview.objects.filter(
                            organisation_id=program.organisation_id,
                            status=DocumentReview.Status.VERIFIED,
                        ),
                        to_attr="verified_here",
                    )
                ),
                to_attr="current_documents",
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.exclude(
                    status__in=[Placement.Status.CANCELLED, Placement.Status.DECLINED]
                ).select_related("training_plan"),
                to_attr="live_placements",
            ),
            Prefetch(
                "invitation_letters",
                queryset=InvitationLetter.objects.filter(is_current=True).only(
                    "pk", "application_id"
                ),
                to_attr="current_letters",
            ),
        )
        .order_by("trainee__last_name", "pk")
    )
    rows, totals = [], {key: {"done": 0, "late": 0} for key, _label, _days in COLUMNS}
    leads = all_lead_times()
    for application in applications:
        travel = travel_state(application, today=today, leads=leads)
        done = _done(application, program.required_documents, travel)
        own_late = {
            "visa": travel.visa_late,
            "arrival": travel.arrival_late,
            "pickup": travel.pickup_late,
        }
        row = ReadinessRow(application)
        for key, _label, days in COLUMNS:
            value = done[key]
            if days is None:
                late = own_late[key]
            else:
                late = value is False and today >= program.start_date - timedelta(days=days)
            row.items.append(Item(key, value, late))
            totals[key]["done"] += 1 if value else 0
            totals[key]["late"] += 1 if late else 0
        rows.append(row)
    return rows, totals


def filtered(
    rows: list[ReadinessRow], *, late: bool = False, missing: str = ""
) -> list[ReadinessRow]:
    if late:
        rows = [row for row in rows if row.late]
    if missing:
        rows = [row for row in rows if any(i.key == missing and i.done is False for i in row.items)]
    return rows


def table(program: Program) -> list[list[str]]:
    """The dashboard as a table (header + one line per trainee), for the exports."""
    rows, _totals = readiness(program)
    header = [str(_("Trainee")), str(_("E-mail"))] + [str(label) for _k, label, _d in COLUMNS]
    lines = [header]
    for row in rows:
        cells = []
        for item in row.items:
            if item.done is None:
                cells.append(str(_("not yet available")))
            else:
                late = " ({})".format(_("late")) if item.late else ""
                cells.append((str(_("yes")) if item.done else str(_("no"))) + late)
        lines.append([row.application.trainee.display_name, row.application.trainee.email, *cells])
    return lines


def as_csv(lines: list[list[str]]) -> bytes:
    """Every cell neutralised (core.exports.safe_cell): a name never runs as a formula."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(safe_row(line) for line in lines)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads UTF-8 names


def as_xlsx(lines: list[list[str]]) -> bytes:
    """Every cell neutralised and written as text (openpyxl stores a string starting with
    "=" as a formula otherwise)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Readiness")
    for line in lines:
        sheet.append(safe_row(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
