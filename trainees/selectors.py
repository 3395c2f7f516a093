"""Reads about trainees, scoped by who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from reference.models import DocumentType
from trainees.models import Document, TraineeProfile
from trainees.signals import trainee_access_asked

PASSPORT_MARGIN = timedelta(days=183)  # valid at least six months after the program ends
# Document types that are not uploads of the trainee's own: the photo is on the profile, and
# nomination letters come from the referee (applications.RefereeRequest).
NOT_UPLOADED = {DocumentType.PHOTO, DocumentType.NOMINATION}


def profile_of(user: User) -> TraineeProfile:
    profile = TraineeProfile.objects.filter(user=user).prefetch_related("languages").first()
    return profile or TraineeProfile(user=user)


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


def completeness(user: User, profile: TraineeProfile | None = None) -> Completeness:
    """How much of the profile is filled in, and what is missing, in words."""
    profile = profile or profile_of(user)
    has_languages = bool(profile.pk) and bool(profile.languages.all())
    checks = [
        (bool(user.first_name and user.last_name), _("name as in passport")),
        (bool(profile.date_of_birth), _("date of birth")),
        (bool(profile.sex), _("sex")),
        (bool(profile.nationality), _("nationality")),
        (bool(profile.passport_number), _("passport number")),
        (bool(profile.current_hospital), _("current hospital")),
        (bool(profile.current_position), _("position")),
        (bool(profile.specialty_id), _("specialty")),
        (profile.years_of_practice is not None, _("years of practice")),
        (has_languages, _("languages")),
        (bool(profile.phone), _("phone")),
        (
            bool(profile.emergency_contact_name and profile.emergency_contact_phone),
            _("emergency contact"),
        ),
        (bool(profile.photo), _("photo")),
    ]
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(
        percent=round(100 * done / len(checks)), missing=[label for ok, label in checks if not ok]
    )


def current_documents(user: User) -> dict[str, Document]:
    return {d.type: d for d in Document.objects.filter(owner=user, is_current=True)}


def missing_documents(user: User, required: list[str]) -> list[str]:
    """Required document types the trainee has not uploaded (or whose current version was
    rejected), as labels."""
    labels = dict(DocumentType.choices)
    current = current_documents(user)
    missing = []
    for code in required:
        if code in NOT_UPLOADED:
            continue
        document = current.get(code)
        if document is None or document.status == Document.Status.REJECTED:
            missing.append(str(labels.get(code, code)))
    return missing


def passport_warning(user: User, program_end: date) -> str | None:
    """A warning when the passport is not valid six months after the program ends."""
    passport = Document.objects.filter(
        owner=user, type=DocumentType.PASSPORT, is_current=True
    ).first()
    if passport is None or passport.expires_on is None:
        return None
    if passport.expires_on < program_end + PASSPORT_MARGIN:
        return _(
            "Your passport expires on %(date)s: most countries require it to be valid at "
            "least six months after your stay. Renew it before you apply for the visa."
        ) % {"date": passport.expires_on.isoformat()}
    return None


COORDINATOR_ACCESS = "coordinator"
SUPERVISOR_ACCESS = "supervisor"


def access_reasons(user: User, trainee_id: int) -> set[str]:
    """Why `user` may see the trainee's profile and documents: "self", or the reasons the
    apps above give (COORDINATOR_ACCESS: an application to their organisation beyond a
    draft; SUPERVISOR_ACCESS: a placement sent to them). Empty: they may not."""
    if not user.is_authenticated:
        return set()
    if user.pk == trainee_id:
        return {"self"}
    answers = trainee_access_asked.send(sender=TraineeProfile, user=user, trainee_id=trainee_id)
    return {reason for _receiver, reason in answers if reason}


def coordinator_sees_trainee(coordinator: User, trainee_id: int) -> bool:
    return COORDINATOR_ACCESS in access_reasons(coordinator, trainee_id)


def can_see_documents_of(user: User, trainee_id: int) -> bool:
    return bool(access_reasons(user, trainee_id))


def document_for(user: User, pk: int) -> Document:
    """A document the person may download; anything else is a 404 (ids can't be probed)."""
    document = Document.objects.select_related("owner").filter(pk=pk).first()
    if document is None or not can_see_documents_of(user, document.owner_id):
        raise Http404
    return document


def documents_missing_annotation(required: list[str]) -> Q | Exists | None:
    """For list pages: an Exists() that is true when one of `required` is missing for the
    row's trainee (annotate applications with it in one query)."""
    uploaded = [code for code in required if code not in NOT_UPLOADED]
    if not uploaded:
        return None
    good = Document.objects.filter(owner=OuterRef("trainee"), is_current=True).exclude(
        status=Document.Status.REJECTED
    )
    condition = None
    for code in uploaded:
        lacks = ~Exists(good.filter(type=code))
        condition = lacks if condition is None else condition | lacks
    return condition


def documents_for_review(trainee: User) -> QuerySet[Document]:
    return Document.objects.filter(owner=trainee, is_current=True).select_related("reviewed_by")
