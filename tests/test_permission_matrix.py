"""Every URL of the portal × every role → the expected status, in one table.

Roles: anonymous, trainee (owner of the trainee-side objects), supervisor (in a department of
the organisation under test), coordinator of the organisation that owns the objects, and
coordinator of another organisation. Another organisation's objects answer 404 (ids can't be
enumerated), a missing role 403, anonymous visitors go to the login page (302).

A meta-test fails when a URL pattern of the project is missing from the table, so a new page
cannot be added without saying who may open it. POSTs by people who may not make them change
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accommodation.hosts import host_token
from accommodation.models import Stay
from accounts.models import Invitation
from accounts.services import invitation_token
from applications.models import Application, RefereeRequest, StatusChange
from applications.referees import referee_token
from core.models import BackgroundJob
from hospitals.models import Department, Hospital, Partnership, Supervisor
from letters.models import InvitationLetter
from notifications.models import Notification
from placements.models import Placement, SchedulePlan
from privacy.models import ErasureRequest, PersonalDataExport
from programs.models import Program, RotationSite
from tests.factories import (
    DepartmentFactory,
    DocumentFactory,
    HospitalFactory,
    InvitationFactory,
    PartnershipFactory,
    ProgramFactory,
    PublishedProgramFactory,
    RotationSiteFactory,
    SpecialtyFactory,
    TraineeProfileFactory,
)
from tests.hospitals.uploads import image_bytes
from trainees.models import DocumentReview
from travel.models import Pickup
from travel.services import pickup_token

# Permissions are decided in Python over the ORM: the matrix runs once, on PostgreSQL (the
# SQLite pass of scripts/test.sh leaves vendor_neutral files out).
pytestmark = [pytest.mark.django_db, pytest.mark.vendor_neutral]

# The expected tuples list five roles; "other_trainee" (a signed-in trainee who does not own
# the objects) is judged like the supervisor unless a row says otherwise: neither owns
# anything here, and a supervisor's own rights arrive with placements.
ROLES = ("anonymous", "trainee", "supervisor", "coordinator", "other_coordinator")
ALL_ROLES = (*ROLES, "other_trainee")

# Allauth's account pages (sign-in, sign-up, e-mail, password, two-factor) and the admin are
# other projects' views, tested by them and by tests/accounts; static media in DEBUG is
# Django's. Everything else must be in the table.
EXCLUDED_PREFIXES = ("admin/", "accounts/", "^media/")


@dataclass(frozen=True)
class Row:
    name: str
    expected: tuple[int, int, int, int, int]  # in the order of ROLES
    kwargs: Callable[[dict], dict] = lambda w: {}
    method: str = "get"
    data: Callable[[dict], dict] = lambda w: {}
    label: str = ""
    other_trainee: int | None = None  # when another trainee is not judged like the supervisor

    @property
    def id(self) -> str:
        return f"{self.method.upper()} {self.name}{' ' + self.label if self.label else ''}"


PUBLIC = (200, 200, 200, 200, 200)
SIGNED_IN = (302, 200, 200, 200, 200)
COORD_ANY = (302, 403, 403, 200, 200)  # any coordinator, own organisation's data
COORD_OWN = (302, 403, 403, 200, 404)  # objects of the organisation under test
COORD_OWN_POST = (302, 403, 403, 302, 404)
TRAINEE_OWN = (302, 200, 404, 404, 404)
TRAINEE_OWN_POST = (302, 302, 404, 404, 404)


def pk(key: str) -> Callable[[dict], dict]:
    return lambda w: {"pk": w[key].pk}


def _scheduled(w: dict) -> dict:
    """The program and application of the placement world's (sent) placement."""
    application = w["placement"].application
    return {"program_pk": application.program_id, "application_pk": application.pk}


def travel(key: str) -> Callable[[dict], dict]:
    return lambda w: {"application_pk": w[key].pk}


ROWS = [
    Row("home", PUBLIC),
    Row("healthz", PUBLIC),
    Row("healthz_live", PUBLIC),
    Row("healthz_ready", PUBLIC),
    # The admin: its login is the portal's sign-in (with the second factor); nobody here is
    # staff, so the index sends everyone to it and its login refuses the signed-in.
    Row("admin:index", (302,) * 5),
    Row("admin:login", (302, 403, 403, 403, 403)),
    Row("set_language", (302,) * 5, method="post", data=lambda w: {"language": "ko"}),
    # Public catalog
    Row("catalog:list", PUBLIC),
    Row("catalog:detail", PUBLIC, pk("published")),
    Row("catalog:detail", (404,) * 5, pk("draft"), label="draft"),
    # Accounts
    Row("accounts:profile", SIGNED_IN),
    Row("hospitals:team", COORD_ANY),
    Row("hospitals:organisation_update", COORD_ANY),
    Row("hospitals:invitation_resend", COORD_OWN_POST, pk("invitation"), method="post"),
    Row("hospitals:invitation_revoke", COORD_OWN_POST, pk("invitation"), method="post"),
    # Sent to another address: only the anonymous visitor is invited to sign in.
    Row(
        "accounts:invitation_accept",
        (200, 403, 403, 403, 403),
        lambda w: {"token": invitation_token(w["invitation"])},
    ),
    Row(
        "accounts:invitation_accept",
        (404,) * 5,
        lambda w: {"token": invitation_token(w["invitation"])[:-3] + "xyz"},
        label="tampered",
    ),
    # Program management
    Row("programs:program_list", COORD_ANY),
    Row("programs:program_create", COORD_ANY),
    Row("programs:program_detail", COORD_OWN, pk("draft")),
    Row("programs:program_update", COORD_OWN, pk("draft")),
    Row("programs:program_delete", COORD_OWN, pk("draft")),
    Row(
        "programs:program_transition",
        COORD_OWN_POST,
        pk("draft"),
        method="post",
        data=lambda w: {"to": "published"},
    ),
    Row("programs:rotation_create", COORD_OWN, pk("draft")),
    Row(
        "programs:rotation_update",
        COORD_OWN,
        lambda w: {"program_pk": w["site"].program_id, "pk": w["site"].pk},
    ),
    Row(
        "programs:rotation_delete",
        COORD_OWN,
        lambda w: {"program_pk": w["site"].program_id, "pk": w["site"].pk},
    ),
    # Applications: the trainee's side
    Row("applications:mine", SIGNED_IN),
    Row(
        "applications:start",
        (302,) * 5,
        lambda w: {"program_pk": w["published"].pk},
        method="post",
    ),
    Row("applications:detail", TRAINEE_OWN, pk("submitted")),
    Row("applications:edit", TRAINEE_OWN, pk("draft_application")),
    Row(
        "applications:act",
        TRAINEE_OWN_POST,
        lambda w: {"pk": w["submitted"].pk, "action": "withdraw"},
        method="post",
    ),
    Row(
        "applications:referee_add",
        TRAINEE_OWN_POST,
        pk("submitted"),
        method="post",
        data=lambda w: {"kind": "referee", "name": "Dr Kim", "email": "kim@example.org"},
    ),
    Row(
        "applications:referee_resend",
        TRAINEE_OWN_POST,
        lambda w: {"pk": w["draft_application"].pk, "referee_pk": w["expired_referee"].pk},
        method="post",
    ),
    # Applications: the referee's upload link, for whoever holds it (no account needed)
    Row(
        "applications:referee_upload",
        PUBLIC,
        lambda w: {"token": referee_token(w["waiting_referee"])},
    ),
    Row(
        "applications:referee_upload",
        (404,) * 5,
        lambda w: {"token": referee_token(w["waiting_referee"])[:-3] + "xyz"},
        label="tampered",
    ),
    Row(
        "applications:referee_upload",
        (410,) * 5,
        lambda w: {"token": referee_token(w["received_referee"])},
        label="used",
    ),
    Row(
        "applications:referee_upload",
        (410,) * 5,
        lambda w: {"token": referee_token(w["expired_referee"])},
        label="expired",
    ),
    # Applications: the coordinator's review
    Row("applications:review_list", COORD_OWN, lambda w: {"program_pk": w["published"].pk}),
    Row("applications:review_detail", COORD_OWN, pk("submitted")),
    Row(
        "applications:review_act",
        COORD_OWN_POST,
        lambda w: {"pk": w["submitted"].pk, "action": "shortlist"},
        method="post",
    ),
    # The letter itself: only the host's coordinators; everybody else, the applicant too, 404.
    Row("applications:referee_letter", (302, 404, 404, 200, 404), pk("received_referee")),
    # Notifications: one's own inbox; coordinators see their organisation's failed mail
    Row("notifications:inbox", SIGNED_IN),
    Row("notifications:open", (302, 302, 404, 404, 404), pk("inbox_item"), method="post"),
    Row("notifications:mark_read", TRAINEE_OWN_POST, pk("inbox_item"), method="post"),
    Row("notifications:mark_all_read", (302,) * 5, method="post"),
    Row("notifications:preferences", SIGNED_IN),
    Row("notifications:failed", COORD_ANY),
    Row("notifications:retry", COORD_OWN_POST, pk("failed_mail"), method="post"),
    # Trainee profile, photo and private documents
    Row("trainees:profile", SIGNED_IN),
    Row("trainees:photo_upload", (302,) * 5, method="post"),
    # The supervisor persona has a placement request for the trainee: they see the file.
    Row(
        "trainees:photo",
        (302, 200, 200, 200, 404),
        lambda w: {"user_pk": w["trainee"].pk},
        other_trainee=404,
    ),
    Row("trainees:documents", SIGNED_IN),
    # The supervisor sees only the types the program shows to supervisors (CV, not passport).
    Row("trainees:document_download", (302, 200, 404, 200, 404), pk("passport"), other_trainee=404),
    Row(
        "trainees:document_download",
        (302, 200, 200, 200, 404),
        pk("cv"),
        other_trainee=404,
        label="cv",
    ),
    # Another applicant, rejected by the organisation: its coordinators keep the documents
    # for DOCUMENT_ACCESS_AFTER_CLOSE_DAYS (30) after the rejection, then lose them.
    Row(
        "trainees:document_download",
        (302, 404, 404, 200, 404),
        pk("passport_rejected_29_days_ago"),
        label="rejected 29 days ago",
    ),
    Row(
        "trainees:document_download",
        (302, 404, 404, 404, 404),
        pk("passport_rejected_31_days_ago"),
        label="rejected 31 days ago",
    ),
    Row(
        "trainees:photo",
        (302, 404, 404, 404, 404),
        lambda w: {"user_pk": w["passport_rejected_31_days_ago"].owner_id},
        label="rejected 31 days ago",
    ),
    Row(
        "trainees:document_review",
        (302, 404, 404, 302, 404),
        pk("passport_rejected_29_days_ago"),
        method="post",
        data=lambda w: {"decision": "verify"},
        label="rejected 29 days ago",
    ),
    Row(
        "trainees:document_review",
        (302, 404, 404, 404, 404),
        pk("passport_rejected_31_days_ago"),
        method="post",
        data=lambda w: {"decision": "verify"},
        label="rejected 31 days ago",
    ),
    Row(
        "trainees:document_review",
        (302, 403, 404, 302, 404),
        pk("passport"),
        method="post",
        data=lambda w: {"decision": "verify"},
        other_trainee=404,
    ),
    # Visa invitation letters
    Row(
        "letters:download",
        (302, 200, 404, 200, 404),
        lambda w: {"application_pk": w["letter"].application_id},
    ),
    Row("letters:verify_form", PUBLIC),
    Row("letters:verify", PUBLIC, lambda w: {"code": w["letter"].code}),
    # Placements: schedule and readiness (coordinators), inbox and plans (supervisors),
    # the trainee's rotation, calendar feeds behind a secret address
    Row("placements:schedule", COORD_OWN, lambda w: {"program_pk": w["published"].pk}),
    Row("placements:schedule_trainee", COORD_OWN, lambda w: _scheduled(w)),
    Row(
        "placements:schedule_trainee",
        COORD_OWN_POST,
        lambda w: _scheduled(w),
        method="post",
        data=lambda w: {"week_0": w["placement"].rotation_site_id},
    ),
    # Without htmx a cell leads to the trainee's weeks page (for its coordinators).
    Row("placements:schedule_cell", COORD_OWN_POST, lambda w: {**_scheduled(w), "week": 0}),
    Row(
        "placements:schedule_cell",
        COORD_OWN_POST,
        lambda w: {**_scheduled(w), "week": 0},
        method="post",
        data=lambda w: {"site": ""},
    ),
    Row("dashboards:readiness", COORD_OWN, lambda w: {"program_pk": w["published"].pk}),
    Row(
        "dashboards:readiness_export",
        COORD_OWN_POST,
        lambda w: {"program_pk": w["published"].pk},
        method="post",
        data=lambda w: {"format": "csv"},
    ),
    Row("dashboards:export_status", COORD_OWN, pk("export")),
    Row("dashboards:export_download", COORD_OWN, pk("export")),
    Row("placements:inbox", SIGNED_IN),
    # A suggestion (plan) and a background job: only the coordinator who started them
    Row("placements:plan_review", COORD_OWN, pk("schedule_plan")),
    Row("placements:plan_apply", COORD_OWN_POST, pk("schedule_plan"), method="post"),
    Row("placements:plan_discard", COORD_OWN_POST, pk("schedule_plan"), method="post"),
    Row("core:job", (302, 404, 404, 200, 404), pk("job")),
    # Refused with a message for the trainee and the coordinator (only the supervisor
    # decides); invisible to the others.
    Row(
        "placements:decide",
        (302, 302, 302, 302, 404),
        pk("placement"),
        method="post",
        data=lambda w: {"decision": "approve"},
        other_trainee=404,
    ),
    Row("placements:plan", (302, 200, 200, 200, 404), pk("placement"), other_trainee=404),
    Row("placements:mine", SIGNED_IN),
    Row("placements:feed_reset", (302,) * 5, method="post"),
    Row("placements:feed", PUBLIC, lambda w: {"token": w["feed"].token}),
    Row("placements:feed", (404,) * 5, lambda w: {"token": "not-a-token"}, label="wrong token"),
    # Housing: providers, matching and confirmation (coordinators); the trainee's request
    Row("accommodation:provider_list", COORD_ANY),
    Row("accommodation:provider_create", COORD_ANY),
    # Also open to the person managing the listing themselves; others get a 404.
    Row("accommodation:provider_detail", (302, 404, 404, 200, 404), pk("provider")),
    Row("accommodation:my_listings", SIGNED_IN),
    Row(
        "accommodation:stay_propose",
        COORD_OWN_POST,
        pk("housing"),
        method="post",
        data=lambda w: {"bed": w["stay"].bed_id},
    ),
    Row("accommodation:provider_update", COORD_OWN, pk("provider")),
    Row("accommodation:matching", COORD_OWN, lambda w: {"program_pk": w["published"].pk}),
    Row("accommodation:run", COORD_OWN, pk("run")),
    Row("accommodation:stay_confirm", COORD_OWN_POST, pk("stay"), method="post"),
    Row(
        "accommodation:mine",
        TRAINEE_OWN,
        lambda w: {"application_pk": w["letter"].application_id},
    ),
    # Housing decided by people: a bed by hand (coordinators), housing arranged outside the
    # portal (coordinators, and the trainee for their own application), a proposal sent to
    # its host, and the host's answer by a signed link: anyone holding the link sees that
    # proposal only; a tampered link is a 404 (tests/accommodation/test_no_dead_ends.py has
    # the expired one, and a host family's home with its own guests only).
    Row("accommodation:assign", COORD_OWN, pk("housing")),
    Row(
        "accommodation:outside",
        (302, 200, 404, 200, 404),
        lambda w: {"application_pk": w["housing"].application_id},
    ),
    Row("accommodation:ask_host", COORD_OWN_POST, pk("stay"), method="post"),
    Row("accommodation:host_answer", PUBLIC, lambda w: {"token": host_token(w["stay"])}),
    Row(
        "accommodation:host_answer",
        (404,) * 5,
        lambda w: {"token": host_token(w["stay"])[:-3] + "xyz"},
        label="tampered",
    ),
    # Travel (issue 14): the visa, arrival and pickup of an application are the trainee's
    # and the program's coordinators'; the pickup person's signed link shows that pickup
    # only (tests/travel/test_pickup.py checks its content), a tampered one nothing.
    Row("travel:detail", (302, 200, 404, 200, 404), travel("travel_application")),
    Row(
        "travel:visa_edit",
        (302, 302, 404, 302, 404),
        travel("travel_application"),
        method="post",
        data=lambda w: {"status": "preparing"},
    ),
    Row(
        "travel:arrival_edit",
        (302, 302, 404, 302, 404),
        travel("travel_application"),
        method="post",
        data=lambda w: {"mode": "car", "place": "Suwon", "day": "2030-01-15", "clock": "10:00"},
    ),
    Row(
        "travel:pickup_edit",
        (302, 403, 404, 302, 404),
        travel("travel_application"),
        method="post",
        data=lambda w: {"name": "Driver", "email": "driver@example.org", "language": "en"},
    ),
    Row("travel:lead_times", COORD_ANY),
    Row("travel:my_pickups", SIGNED_IN),
    Row("travel:pickup_link", PUBLIC, lambda w: {"token": pickup_token(w["pickup"])}),
    Row("travel:pickup_photo", PUBLIC, lambda w: {"token": pickup_token(w["pickup"])}),
    Row(
        "travel:pickup_link",
        (404,) * 5,
        lambda w: {"token": pickup_token(w["pickup"])[:-3] + "xyz"},
        label="tampered",
    ),
    Row(
        "travel:pickup_photo",
        (404,) * 5,
        lambda w: {"token": pickup_token(w["pickup"])[:-3] + "xyz"},
        label="tampered",
    ),
    # Hospitals and departments
    Row("hospitals:hospital_list", COORD_ANY),
    Row("hospitals:hospital_create", COORD_ANY),
    Row("hospitals:hospital_detail", COORD_OWN, pk("hospital")),
    Row("hospitals:hospital_update", COORD_OWN, pk("hospital")),
    Row("hospitals:hospital_delete", COORD_OWN, pk("empty_hospital")),
    Row("hospitals:department_create", COORD_OWN, lambda w: {"hospital_pk": w["hospital"].pk}),
    Row("hospitals:department_update", COORD_OWN, pk("department")),
    Row("hospitals:department_delete", COORD_OWN, pk("spare_department")),
    # Specialties are a vocabulary shared by every organisation.
    Row("hospitals:specialty_list", COORD_ANY),
    Row("hospitals:specialty_create", COORD_ANY),
    Row("hospitals:specialty_update", COORD_ANY, pk("unused_specialty")),
    Row("hospitals:specialty_delete", COORD_ANY, pk("unused_specialty")),
    Row("hospitals:supervisor_list", COORD_ANY),
    Row("hospitals:supervisor_create", COORD_ANY),
    Row("hospitals:supervisor_update", COORD_OWN, pk("supervisor_role")),
    Row("hospitals:supervisor_delete", COORD_OWN, pk("supervisor_role")),
    Row("hospitals:partnership_list", COORD_ANY),
    Row("hospitals:partnership_create", COORD_ANY),
    Row("hospitals:partnership_detail", COORD_OWN, pk("partnership")),
    Row("hospitals:partnership_update", COORD_OWN, pk("partnership")),
    Row("hospitals:partnership_delete", COORD_OWN, pk("partnership")),
    Row("hospitals:partnership_agreement", COORD_OWN, pk("partnership")),
    Row("hospitals:partner_organisation_create", COORD_ANY),
    # Personal data: one's own export and erasure request; the coordinators of an
    # organisation the person applied to decide, and read the privacy log.
    Row("privacy:notice", PUBLIC),
    Row("privacy:accept", SIGNED_IN),
    Row("privacy:mine", SIGNED_IN),
    Row("privacy:export_create", (302,) * 5, method="post"),
    Row("privacy:export_status", TRAINEE_OWN, pk("privacy_export")),
    Row("privacy:export_download", TRAINEE_OWN, pk("privacy_export")),
    Row("privacy:erasure_create", (302,) * 5, method="post"),
    Row("privacy:erasure_cancel", (302,) * 5, method="post"),
    Row("privacy:erasure_list", COORD_ANY),
    Row("privacy:erasure_decide", COORD_OWN, pk("erasure_request")),
    Row("privacy:events", COORD_ANY),
]


@pytest.fixture
def world(organisation, coordinator, supervisor, department, trainee) -> dict:
    """Objects owned by the organisation under test (and the trainee persona)."""
    hospital = department.hospital
    draft = ProgramFactory(organisation=organisation)
    site = RotationSiteFactory(program=draft, department=department)
    published = PublishedProgramFactory(organisation=organisation)
    RotationSiteFactory(program=published, department=department)
    submitted = Application.objects.create(
        program=published, trainee=trainee, motivation="x", status=Application.Status.SUBMITTED
    )
    other_published = PublishedProgramFactory(organisation=organisation)
    draft_application = Application.objects.create(program=other_published, trainee=trainee)
    partnership = PartnershipFactory(host=organisation)
    common = {"kind": "applications.status_changed", "subject": "Shortlisted", "link": "/"}
    inbox_item = Notification.objects.create(
        channel="in_app", recipient=trainee, to_email=trainee.email, status="sent", **common
    )
    failed_mail = Notification.objects.create(
        channel="email",
        recipient=trainee,
        to_email=trainee.email,
        status="failed",
        attempts=5,
        organisation=organisation,
        **common,
    )
    partnership.agreement.save("agreement.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    received_referee = RefereeRequest.objects.create(
        application=submitted, name="Dr Lee", email="lee@example.org", received_at=timezone.now()
    )
    received_referee.letter.save("letter.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    long_ago = timezone.now() - timedelta(days=20)
    expired_referee = RefereeRequest.objects.create(
        application=draft_application, name="Dr Old", email="old@example.org", requested_at=long_ago
    )
    return {
        "hospital": hospital,
        "empty_hospital": HospitalFactory(organisation=organisation),
        "department": department,
        "spare_department": DepartmentFactory(hospital=hospital),
        "unused_specialty": SpecialtyFactory(),
        "supervisor_role": Supervisor.objects.get(user=supervisor),
        "partnership": partnership,
        "draft": draft,
        "site": site,
        "published": published,
        "submitted": submitted,
        "draft_application": draft_application,
        "inbox_item": inbox_item,
        "trainee": trainee,
        "letter": InvitationLetter.objects.create(
            application=Application.objects.create(
                program=PublishedProgramFactory(organisation=organisation),
                trainee=trainee,
                status=Application.Status.ACCEPTED,
            ),
            pdf=ContentFile(b"%PDF-1.4\n%%EOF\n", name="letter.pdf"),
            details={"organisation": organisation.name, "start": "", "end": ""},
            details_hash="x",
        ),
        "passport": DocumentFactory(owner=trainee),
        "cv": DocumentFactory(owner=trainee, type="cv"),
        **_rejected_applicants(published),
        **_placement_world(organisation, trainee, supervisor, department, coordinator),
        "profile": TraineeProfileFactory(
            user=trainee, photo=ContentFile(image_bytes(fmt="JPEG"), name="p.jpg")
        ),
        "failed_mail": failed_mail,
        "received_referee": received_referee,
        "expired_referee": expired_referee,
        "waiting_referee": RefereeRequest.objects.create(
            application=draft_application, name="Dr New", email="new@example.org"
        ),
        "invitation": InvitationFactory(
            organisation=organisation, invited_by=coordinator, email="newcomer@example.org"
        ),
        **_privacy_world(trainee),
        **_travel_world(organisation, trainee),
    }


def _travel_world(organisation, trainee) -> dict:
    """The trainee's accepted application with a pickup person named (no arrival yet)."""
    application = Application.objects.create(
        program=PublishedProgramFactory(organisation=organisation),
        trainee=trainee,
        status=Application.Status.ACCEPTED,
    )
    pickup = Pickup.objects.create(application=application, name="Driver", email="d@example.org")
    return {"travel_application": application, "pickup": pickup}


def _privacy_world(trainee) -> dict:
    export = PersonalDataExport.objects.create(
        user=trainee, progress=100, finished_at=timezone.now()
    )
    export.file.save("export.zip", ContentFile(b"PK\x05\x06" + bytes(18)))
    return {
        "privacy_export": export,
        "erasure_request": ErasureRequest.objects.create(subject=trainee),
    }


def _rejected_applicants(program) -> dict:
    """Two other applicants to the organisation, rejected 29 and 31 days ago (by the status
    history), each with a passport and a photo."""
    found = {}
    for days in (29, 31):
        applicant = TraineeProfileFactory(
            photo=ContentFile(image_bytes(fmt="JPEG"), name="p.jpg")
        ).user
        application = Application.objects.create(
            program=program, trainee=applicant, status=Application.Status.REJECTED
        )
        StatusChange.objects.create(
            application=application,
            from_status=Application.Status.SUBMITTED,
            to_status=Application.Status.REJECTED,
            at=timezone.now() - timedelta(days=days),
        )
        found[f"passport_rejected_{days}_days_ago"] = DocumentFactory(owner=applicant)
    return found


def _placement_world(organisation, trainee, supervisor, department, coordinator) -> dict:
    from placements.models import CalendarFeed, Placement, ReadinessExport, TrainingPlan

    program = PublishedProgramFactory(organisation=organisation)
    site = RotationSiteFactory(program=program, department=department)
    application = Application.objects.create(
        program=program, trainee=trainee, status=Application.Status.SHORTLISTED
    )
    placement = Placement.objects.create(
        application=application,
        rotation_site=site,
        department=department,
        supervisor=Supervisor.objects.get(user=supervisor),
        start_date=site.start_date,
        end_date=site.end_date,
        status=Placement.Status.PROPOSED,
    )
    TrainingPlan.objects.create(placement=placement, published_at=timezone.now())
    export = ReadinessExport.objects.create(
        program=program, requested_by=coordinator, format="csv", finished_at=timezone.now()
    )
    export.file.save("readiness.csv", ContentFile(b"a,b\n"))
    from accommodation.models import Bed, HousingRequest, MatchingRun, Provider, Stay

    provider = Provider.objects.create(
        organisation=organisation,
        name="Dormitory",
        kind="dormitory",
        address="1 Road",
        city="Suwon",
        latitude=37.28,
        longitude=127.04,
        contact_name="Yoon",
        contact_email="dorm@example.kr",
    )
    bed = Bed.objects.create(provider=provider, label="Room 1", price_per_night=1)
    housing = HousingRequest.objects.create(
        application=application,
        start=program.start_date,
        end=program.end_date,
        budget_per_night=1,
    )
    return {
        "provider": provider,
        "housing": housing,
        "run": MatchingRun.objects.create(organisation=organisation, program=program),
        "stay": Stay.objects.create(
            request=housing,
            bed=bed,
            start=housing.start,
            end=housing.end,
            host_asked_at=timezone.now(),  # sent to its host: the link answers
        ),
        "placement": placement,
        "export": export,
        "feed": CalendarFeed.objects.create(user=trainee),
        "schedule_plan": SchedulePlan.objects.create(
            program=program, created_by=coordinator, fingerprint="-"
        ),
        "job": BackgroundJob.objects.create(kind="k", title="Job", started_by=coordinator),
    }


@pytest.fixture
def people(trainee, supervisor, coordinator, other_coordinator) -> dict:
    from tests.factories import UserFactory

    return {
        "anonymous": None,
        "trainee": trainee,
        "supervisor": supervisor,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "other_trainee": UserFactory(first_name="Wei", last_name="Li", native_name="李伟"),
    }


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_matrix(row: Row, role: str, client, world, people):
    user = people[role]
    if user is not None:
        client.force_login(user)
    url = reverse(row.name, kwargs=row.kwargs(world))
    response = getattr(client, row.method)(url, row.data(world))
    if role == "other_trainee" and row.other_trainee is not None:
        expected = row.other_trainee
    else:
        judged_as = "supervisor" if role == "other_trainee" else role
        expected = row.expected[ROLES.index(judged_as)]
    assert response.status_code == expected, f"{row.id} as {role}: {response.status_code}"
    if expected == 302 and role == "anonymous" and row.name == "admin:index":
        # One hop more: the admin's own login, which is the portal's (the admin:login row).
        assert response["Location"].startswith(reverse("admin:login"))
    elif expected == 302 and role == "anonymous" and row.name not in {"set_language"}:
        assert response["Location"].startswith(reverse("account_login"))


# POSTs that destroy or change something: whoever may not make them changes nothing.
DESTRUCTIVE = [
    ("hospitals:hospital_delete", "empty_hospital", Hospital),
    ("hospitals:department_delete", "spare_department", Department),
    ("hospitals:supervisor_delete", "supervisor_role", Supervisor),
    ("hospitals:partnership_delete", "partnership", Partnership),
    ("programs:program_delete", "draft", Program),
    ("hospitals:invitation_revoke", "invitation", Invitation),
]


@pytest.mark.parametrize(
    "role", ["anonymous", "trainee", "other_trainee", "supervisor", "other_coordinator"]
)
@pytest.mark.parametrize(("name", "key", "model"), DESTRUCTIVE)
def test_refused_deletes_delete_nothing(name, key, model, role, client, world, people):
    if people[role] is not None:
        client.force_login(people[role])
    response = client.post(reverse(name, kwargs={"pk": world[key].pk}))
    assert response.status_code in {302, 403, 404}
    assert model.objects.filter(pk=world[key].pk).exists()


@pytest.mark.parametrize(
    "role", ["anonymous", "trainee", "other_trainee", "supervisor", "other_coordinator"]
)
def test_refused_changes_change_nothing(role, client, world, people):
    if people[role] is not None:
        client.force_login(people[role])
    site = world["site"]
    client.post(
        reverse("programs:rotation_delete", kwargs={"program_pk": site.program_id, "pk": site.pk})
    )
    client.post(
        reverse("programs:program_transition", kwargs={"pk": world["draft"].pk}),
        {"to": "published"},
    )
    client.post(
        reverse(
            "applications:review_act", kwargs={"pk": world["submitted"].pk, "action": "shortlist"}
        )
    )
    client.post(
        reverse("hospitals:hospital_update", kwargs={"pk": world["hospital"].pk}),
        {"name": "Renamed", "city": "X", "country": "KR", "kind": "general"},
    )
    client.post(reverse("notifications:retry", kwargs={"pk": world["failed_mail"].pk}))
    if role != "trainee":
        client.post(reverse("notifications:mark_read", kwargs={"pk": world["inbox_item"].pk}))
    assert Notification.objects.get(pk=world["failed_mail"].pk).status == "failed"
    assert Notification.objects.get(pk=world["inbox_item"].pk).read_at is None
    client.post(
        reverse("trainees:document_review", kwargs={"pk": world["passport"].pk}),
        {"decision": "verify"},
    )
    assert not DocumentReview.objects.filter(document=world["passport"]).exists()
    client.post(
        reverse("placements:decide", kwargs={"pk": world["placement"].pk}),
        {"decision": "approve"},
    )
    client.post(reverse("accommodation:stay_confirm", kwargs={"pk": world["stay"].pk}))
    assert Stay.objects.get(pk=world["stay"].pk).status == "proposed"
    if role != "supervisor":  # the placement's own supervisor may approve it
        assert Placement.objects.get(pk=world["placement"].pk).status == "proposed"
    assert RotationSite.objects.filter(pk=site.pk).exists()
    assert Program.objects.get(pk=world["draft"].pk).status == Program.Status.DRAFT
    assert Application.objects.get(pk=world["submitted"].pk).status == "submitted"
    assert Hospital.objects.get(pk=world["hospital"].pk).name != "Renamed"
    client.post(
        reverse("privacy:erasure_decide", kwargs={"pk": world["erasure_request"].pk}),
        {"decision": "confirm", "reason": "No hold."},
    )
    assert ErasureRequest.objects.get(pk=world["erasure_request"].pk).status == "requested"


def _project_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(
                    pattern.url_patterns,
                    route,
                    f"{namespace}:{inner}" if namespace and inner else inner or namespace,
                )
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"URL {route} has no name, so it cannot be in the matrix"
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, "", None)
    return names


def test_every_url_of_the_project_is_in_the_matrix():
    listed = {row.name for row in ROWS}
    missing = _project_url_names() - listed
    assert not missing, f"URL patterns without permission expectations: {sorted(missing)}"
    # The admin's URLs are Django's (excluded above) but two are judged in the table.
    stale = listed - _project_url_names() - {"admin:index", "admin:login"}
    assert not stale, f"matrix rows for URLs that no longer exist: {sorted(stale)}"
