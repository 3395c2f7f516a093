"""Every write to an application goes through this module.

`application_transition` is the only place an application's status changes: it checks the
state machine and who is acting, locks the row (so a double submit moves it once), and writes
a history row. Offers are accepted under a lock on the program row, so seats are never
exceeded however many applicants accept at the same moment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import manages_program, owns_application
from applications.models import (
    Application,
    Comment,
    Offer,
    Preference,
    StatusChange,
)
from applications.notify import (
    application_moved,
    offer_made,
)
from applications.signals import application_status_changed, offer_requested
from core.errors import Refused
from core.tasks import enqueue_on_commit
from programs.models import Program, RotationSite
from trainees.selectors import missing_documents, profile_of

S = Application.Status

TRAINEE, COORDINATOR, SYSTEM = "trainee", "coordinator", "system"

# (from, to) → who may make the move.
ALLOWED: dict[tuple[str, str], str] = {
    (S.DRAFT, S.SUBMITTED): TRAINEE,
    (S.SUBMITTED, S.UNDER_REVIEW): COORDINATOR,
    (S.SUBMITTED, S.SHORTLISTED): COORDINATOR,
    (S.SUBMITTED, S.REJECTED): COORDINATOR,
    (S.UNDER_REVIEW, S.SHORTLISTED): COORDINATOR,
    (S.UNDER_REVIEW, S.REJECTED): COORDINATOR,
    (S.SHORTLISTED, S.REJECTED): COORDINATOR,
    (S.SHORTLISTED, S.OFFERED): COORDINATOR,
    (S.OFFERED, S.ACCEPTED): TRAINEE,
    (S.OFFERED, S.DECLINED): TRAINEE,
    (S.OFFERED, S.EXPIRED): SYSTEM,
    **{
        (source, S.WITHDRAWN): TRAINEE
        for source in (S.DRAFT, S.SUBMITTED, S.UNDER_REVIEW, S.SHORTLISTED, S.OFFERED, S.ACCEPTED)
    },
}

OFFER_DEFAULT_DAYS = 14


class TransitionNotAllowed(Refused):
    """A move the state machine, the acting person or the program's seats do not allow."""


class NoSeatLeft(TransitionNotAllowed):
    pass


def _role_of(user: User | None, application: Application) -> str:
    if user is None:
        return SYSTEM
    if owns_application(user, application):
        return TRAINEE
    if manages_program(user, application.program):
        return COORDINATOR
    return ""


def _label(status: str) -> str:
    return str(dict(S.choices).get(status, status))


def application_transition(
    *,
    application: Application,
    to: str,
    by: User | None,
    reason: str = "",
    _locked: Application | None = None,
) -> Application:
    """Move an application to another status; the only place a status changes.

    `by` is the acting person (None for the system, e.g. expiry). Moving to the status it
    already has changes nothing (a double click); a move the table does not allow, or that
    the acting person may not make, is refused with a message. Accepting goes through
    `offer_accept`, which holds the seat lock.
    """
    if to == S.ACCEPTED and _locked is None:
        return offer_accept(application=application, by=by)
    with transaction.atomic():
        locked = _locked or (
            Application.objects.select_for_update(of=("self",))
            .select_related("program__organisation")
            .get(pk=application.pk)
        )
        source = locked.status
        if source == to:
            return locked
        actor = ALLOWED.get((source, to))
        role = _role_of(by, locked)
        if actor is None:
            raise TransitionNotAllowed(
                _("An application in status “%(source)s” cannot move to “%(to)s”.")
                % {"source": _label(source), "to": _label(to)}
            )
        if role != actor and not (actor == SYSTEM and role == COORDINATOR):
            raise PermissionDenied(_("You may not make this change to the application."))
        if to == S.REJECTED and not reason.strip():
            raise TransitionNotAllowed(_("Give a reason when an application is not selected."))
        if to == S.SUBMITTED:
            missing = submission_blockers(locked)
            if missing:
                raise TransitionNotAllowed(
                    _("The application cannot be submitted yet. Still missing: %(missing)s.")
                    % {"missing": "; ".join(missing)}
                )
            if not locked.program.application_window_open():
                raise TransitionNotAllowed(_("Applications for this program are closed."))
            locked.submitted_at = timezone.now()
        if (
            to == S.WITHDRAWN
            and source == S.ACCEPTED
            and locked.program.organisation.today() >= locked.program.start_date
        ):
            raise TransitionNotAllowed(
                _("The program has started; ask the coordinator to end your placement.")
            )
        locked.status = to
        locked.save(update_fields=["status", "submitted_at", "updated_at"])
        StatusChange.objects.create(
            application=locked, from_status=source, to_status=to, by=by, reason=reason[:500]
        )
        if S.ACCEPTED in (source, to):
            _count_seats_taken(locked.program_id)
        application_moved(locked, source=source, to=to, by=by, reason=reason)
        application_status_changed.send(
            sender=Application, application=locked, source=source, to=to, by=by
        )
        if source == S.OFFERED and to != S.ACCEPTED:
            closing = {
                S.DECLINED: Offer.Status.DECLINED,
                S.EXPIRED: Offer.Status.EXPIRED,
                S.WITHDRAWN: Offer.Status.WITHDRAWN,
            }[to]
            Offer.objects.filter(application=locked, status=Offer.Status.OPEN).update(
                status=closing, answered_at=timezone.now()
            )
    application.status = locked.status
    application.submitted_at = locked.submitted_at
    return application


# --- Drafting --------------------------------------------------------------------------


def submission_blockers(application: Application) -> list[str]:
    """What is still missing before the application can be submitted, in words the trainee
    understands; empty when it can go."""
    missing = []
    trainee = application.trainee
    if not (trainee.first_name and trainee.last_name):
        missing.append(_("your name as in your passport (profile)"))
    if not application.motivation.strip():
        missing.append(_("a motivation statement"))
    if not application.preferences.exists():
        missing.append(_("at least one ranked preference"))
    profile = profile_of(trainee)
    if not profile.date_of_birth:
        missing.append(_("your date of birth (profile)"))
    if not profile.nationality:
        missing.append(_("your nationality (profile)"))
    program = application.program
    for label in missing_documents(trainee, program.required_documents, program.organisation_id):
        missing.append(_("document: %(document)s") % {"document": label})
    if "nomination" in application.program.required_documents and not (
        application.referee_requests.filter(kind="nomination").exists()
    ):
        missing.append(_("a nomination letter: name your nominating officer (letters section)"))
    return missing


@transaction.atomic
def application_start(*, program: Program, trainee: User) -> Application:
    """Open (or reopen) the trainee's draft for a published program whose window is open."""
    if trainee.is_coordinator:
        raise PermissionDenied(_("Coordinators cannot apply to programs."))
    existing = Application.objects.filter(program=program, trainee=trainee).first()
    if existing:
        return existing
    if program.status != Program.Status.PUBLISHED or not program.application_window_open():
        raise TransitionNotAllowed(_("This program is not taking applications now."))
    return Application.objects.create(program=program, trainee=trainee)


def _ensure_editable_by(application: Application, user: User) -> None:
    if application.trainee_id != user.pk:
        raise PermissionDenied
    if application.status != S.DRAFT:
        raise TransitionNotAllowed(_("A submitted application can no longer be edited."))


@transaction.atomic
def application_save_draft(
    *,
    application: Application,
    by: User,
    motivation: str,
    rotation_sites: Sequence[RotationSite] = (),
    specialties: Sequence = (),
) -> Application:
    """Save the draft: the motivation and the ranked preferences (first is most wanted).
    Sites must belong to the program, specialties must be the program's; no duplicates."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    _ensure_editable_by(application, by)
    errors: dict[str, list[str]] = {}
    sites = [site for site in rotation_sites if site is not None]
    wanted_specialties = [s for s in specialties if s is not None]
    if any(site.program_id != application.program_id for site in sites):
        errors["preferences"] = [_("Choose rotation sites of this program.")]
    program_specialties = set(application.program.specialties.values_list("pk", flat=True))
    if any(s.pk not in program_specialties for s in wanted_specialties):
        errors["preferences"] = [_("Choose specialties this program offers.")]
    keys = [("site", s.pk) for s in sites] + [("specialty", s.pk) for s in wanted_specialties]
    if len(keys) != len(set(keys)):
        errors["preferences"] = [_("Each choice can appear only once in your ranking.")]
    if errors:
        raise ValidationError(errors)
    application.motivation = motivation.strip()
    application.save(update_fields=["motivation", "updated_at"])
    application.preferences.all().delete()
    Preference.objects.bulk_create(
        [
            Preference(application=application, rank=n, rotation_site=s)
            for n, s in enumerate(sites, 1)
        ]
        + [
            Preference(application=application, rank=len(sites) + n, specialty=s)
            for n, s in enumerate(wanted_specialties, 1)
        ]
    )
    return application


# --- Offers ----------------------------------------------------------------------------


def _count_seats_taken(program_id: int) -> None:
    """Keep the program row's count of accepted offers true: recounted (not incremented), so
    a row written around the services is corrected by the next acceptance or withdrawal."""
    accepted = Application.objects.filter(program_id=program_id, status=S.ACCEPTED)
    Program.objects.filter(pk=program_id).update(seats_taken=accepted.count())


def accepted_count(program: Program) -> int:
    return Application.objects.filter(program=program, status=S.ACCEPTED).count()


def seats_left(program: Program) -> int:
    return Program.objects.only("seats", "seats_taken").get(pk=program.pk).seats_left


@transaction.atomic
def offer_make(
    *,
    application: Application,
    by: User,
    answer_by: date | None = None,
    deadline: datetime | None = None,
) -> Offer:
    """Offer a seat to a shortlisted applicant, to answer by the end of the day `answer_by`
    where the host organisation is (default: two weeks from today there), or before an
    exact `deadline`. Refused when every seat is already taken."""
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("program__organisation")
        .get(pk=application.pk)
    )
    if _role_of(by, locked) != COORDINATOR:
        raise PermissionDenied(_("Only the program's coordinators can make offers."))
    if seats_left(locked.program) <= 0:
        raise NoSeatLeft(_("Every seat of this program is taken; no offer can be made."))
    offer_requested.send(sender=Application, application=locked)
    now = timezone.now()  # one instant for the check and the row (deadline > made_at)
    if deadline is None:
        deadline = _end_of_day_at_host(locked.program.organisation, answer_by)
    if deadline <= now:
        raise ValidationError({"deadline": [_("The deadline must be in the future.")]})
    application_transition(application=locked, to=S.OFFERED, by=by, _locked=locked)
    offer = Offer.objects.create(application=locked, deadline=deadline, made_by=by, made_at=now)
    offer_made(offer)
    return offer


def _end_of_day_at_host(organisation, answer_by: date | None) -> datetime:
    """The moment the day `answer_by` ends where the host is (the next day's first moment);
    an offer answered by "10 January" in Seoul ends at midnight in Seoul, whatever the
    server's or the applicant's zone."""
    today = organisation.today()
    answer_by = answer_by or today + timedelta(days=OFFER_DEFAULT_DAYS)
    if answer_by < today:
        raise ValidationError({"answer_by": [_("The last day to answer must be today or later.")]})
    return organisation.day_start(answer_by + timedelta(days=1))


def _lock_program(pk: int) -> Program:
    """The seat lock: the program row, read under the lock. The first lock of an acceptance,
    before the application's (placements.capacity documents the whole order)."""
    return Program.objects.select_for_update().get(pk=pk)


def offer_accept(*, application: Application, by: User) -> Application:
    """The applicant accepts their offer. Acceptances of one program are serialised by a lock
    on the program row, and the seat count is checked under it: seats are never exceeded.
    Accepting twice is one acceptance."""
    with transaction.atomic():
        program = _lock_program(application.program_id)
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("program")
            .get(pk=application.pk)
        )
        if locked.trainee_id != by.pk:
            raise PermissionDenied
        if locked.status == S.ACCEPTED:
            return locked
        offer = Offer.objects.filter(application=locked, status=Offer.Status.OPEN).first()
        if locked.status != S.OFFERED or offer is None:
            raise TransitionNotAllowed(_("There is no open offer to accept."))
        if offer.deadline <= timezone.now():
            raise TransitionNotAllowed(_("This offer has expired."))
        if program.seats_taken >= program.seats:
            raise NoSeatLeft(
                _("Sorry, the last seat has just been taken. You stay on the waiting list.")
            )
        application_transition(application=locked, to=S.ACCEPTED, by=by, _locked=locked)
        offer.status = Offer.Status.ACCEPTED
        offer.answered_at = timezone.now()
        offer.save(update_fields=["status", "answered_at"])
        # The visa invitation letter, in the background.
        enqueue_on_commit("letters.tasks.issue_letter", locked.pk)
    application.status = locked.status
    return application


def offer_decline(*, application: Application, by: User, reason: str = "") -> Application:
    return application_transition(application=application, to=S.DECLINED, by=by, reason=reason)


def expire_overdue_offers(now: datetime | None = None) -> int:
    """Offers past their deadline expire (run periodically). Returns how many."""
    now = now or timezone.now()
    count = 0
    overdue = Offer.objects.filter(status=Offer.Status.OPEN, deadline__lte=now).values_list(
        "application_id", flat=True
    )
    for application in Application.objects.filter(pk__in=list(overdue)):
        try:
            application_transition(application=application, to=S.EXPIRED, by=None)
        except TransitionNotAllowed:
            continue
        count += 1
    return count


def waiting_list(program: Program) -> list[Application]:
    """Shortlisted applicants in the order they were shortlisted: who is offered a freed seat
    next."""
    return list(
        Application.objects.filter(program=program, status=S.SHORTLISTED)
        .annotate(
            shortlisted_at=Max(
                "status_changes__at", filter=Q(status_changes__to_status=S.SHORTLISTED)
            )
        )
        .select_related("trainee")
        .order_by("shortlisted_at", "pk")
    )


# --- Review ----------------------------------------------------------------------------


def comment_add(*, application: Application, by: User, text: str):
    """An internal note by a coordinator of the host organisation."""
    if _role_of(by, application) != COORDINATOR:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write something first.")]})
    return Comment.objects.create(application=application, author=by, text=text)


def bulk_transition(
    *,
    applications: Sequence[Application],
    to: str,
    by: User,
    reason: str = "",
    on_row: Callable[[int], None] | None = None,
) -> tuple[int, list[str]]:
    """Shortlist or reject several applications; each one moves on its own (one refusal does
    not undo the others). Returns how many moved and the messages for those that did not;
    `on_row(n)` is told how many rows are through (a background job's progress)."""
    if to not in (S.SHORTLISTED, S.REJECTED):
        raise TransitionNotAllowed(_("Only shortlisting and rejecting can be done in bulk."))
    moved, problems = 0, []
    for count, application in enumerate(applications, 1):
        try:
            application_transition(application=application, to=to, by=by, reason=reason)
        except (TransitionNotAllowed, PermissionDenied) as error:
            problems.append(f"{application.trainee.display_name}: {error}")
        else:
            moved += 1
        if on_row:
            on_row(count)
    return moved, problems


def capacity(program: Program) -> dict[str, int]:
    """Seats, offers outstanding, acceptances and what is left — one query."""
    counts = Application.objects.filter(program=program).aggregate(
        offered=Count("pk", filter=Q(status=S.OFFERED)),
        accepted=Count("pk", filter=Q(status=S.ACCEPTED)),
        shortlisted=Count("pk", filter=Q(status=S.SHORTLISTED)),
    )
    return {"seats": program.seats, **counts, "left": max(program.seats - counts["accepted"], 0)}
