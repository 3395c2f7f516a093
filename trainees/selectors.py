"""Reads about trainees, scoped by who is asking."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from reference.models import DocumentType
from trainees.models import Document, DocumentReview, TraineeProfile
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


def rejected_by(organisation_id: int | None) -> Exists:
    """For Document querysets: the organisation rejected this version."""
    return Exists(
        DocumentReview.objects.filter(
            document=OuterRef("pk"),
            organisation_id=organisation_id,
            status=DocumentReview.Status.REJECTED,
        )
    )


def missing_documents(user: User, required: list[str], organisation_id: int | None) -> list[str]:
    """Required document types the trainee has not uploaded, or whose current version the
    organisation (the program's host) rejected, as labels. Another organisation's verdict
    does not count here."""
    labels = dict(DocumentType.choices)
    usable = set(
        Document.objects.filter(owner=user, is_current=True)
        .exclude(rejected_by(organisation_id))
        .values_list("type", flat=True)
    )
    return [
        str(labels.get(code, code))
        for code in required
        if code not in NOT_UPLOADED and code not in usable
    ]


def passport_expires_on(user_id: int) -> date | None:
    """The expiry date given with the trainee's current passport, if they gave one."""
    return (
        Document.objects.filter(owner_id=user_id, type=DocumentType.PASSPORT, is_current=True)
        .values_list("expires_on", flat=True)
        .first()
    )


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
# Every document type: what the trainee and the coordinators of an open application see.
ALL_DOCUMENT_TYPES: frozenset[str] = frozenset(DocumentType.values)
NO_DOCUMENT_TYPES: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Access:
    """One answer to trainee_access_asked: why the person may see the trainee's profile
    (`reason`), and which of their document types (`document_types`; may be empty: the
    profile, no documents)."""

    reason: str
    document_types: frozenset[str] = ALL_DOCUMENT_TYPES


def accesses(user: User, trainee_id: int) -> list[Access]:
    """Every reason `user` may see the trainee: themself, or what the apps above answer
    (COORDINATOR_ACCESS: an application to their organisation that is open or closed less
    than DOCUMENT_ACCESS_AFTER_CLOSE_DAYS ago; SUPERVISOR_ACCESS: a placement sent to them,
    with the program's documents for supervisors). Empty: they may not."""
    if not user.is_authenticated:
        return []
    if user.pk == trainee_id:
        return [Access("self")]
    answers = trainee_access_asked.send(sender=TraineeProfile, user=user, trainee_id=trainee_id)
    return [answer for _receiver, answer in answers if answer]


def access_reasons(user: User, trainee_id: int) -> set[str]:
    return {access.reason for access in accesses(user, trainee_id)}


def visible_document_types(user: User, trainee_id: int) -> frozenset[str]:
    """The document types of the trainee that `user` may open: ALL_DOCUMENT_TYPES for the
    trainee and the coordinators who may see them, the program's list for a supervisor,
    NO_DOCUMENT_TYPES for everybody else."""
    types = NO_DOCUMENT_TYPES
    for access in accesses(user, trainee_id):
        types = types | access.document_types
    return types


def coordinator_sees_trainee(coordinator: User, trainee_id: int) -> bool:
    return COORDINATOR_ACCESS in access_reasons(coordinator, trainee_id)


def can_see_profile_of(user: User, trainee_id: int) -> bool:
    """The profile and photo: anybody with a reason (a supervisor without documents too)."""
    return bool(accesses(user, trainee_id))


def document_for(user: User, pk: int) -> Document:
    """A document the person may download; anything else is a 404 (ids can't be probed,
    nor types that are not for them)."""
    document = Document.objects.select_related("owner").filter(pk=pk).first()
    if document is None or document.type not in visible_document_types(user, document.owner_id):
        raise Http404
    return document


def documents_missing_annotation(required: list[str], organisation_id: int) -> Q | Exists | None:
    """For list pages: an Exists() that is true when one of `required` is missing for the
    row's trainee, or its current version was rejected by `organisation_id` (annotate
    applications with it in one query)."""
    uploaded = [code for code in required if code not in NOT_UPLOADED]
    if not uploaded:
        return None
    good = Document.objects.filter(owner=OuterRef("trainee"), is_current=True).exclude(
        rejected_by(organisation_id)
    )
    condition = None
    for code in uploaded:
        lacks = ~Exists(good.filter(type=code))
        condition = lacks if condition is None else condition | lacks
    return condition


def with_review_of(documents: Iterable[Document], organisation_id: int | None) -> list[Document]:
    """The documents, each with `review`: `organisation_id`'s DocumentReview or None
    (not checked by them yet), in one query."""
    documents = list(documents)
    reviews = {
        review.document_id: review
        for review in DocumentReview.objects.filter(
            document__in=documents, organisation_id=organisation_id
        ).select_related("reviewed_by")
    }
    for document in documents:
        document.review = reviews.get(document.pk)
    return documents


def documents_for_review(trainee: User, viewer: User) -> list[Document]:
    """The trainee's current documents that `viewer` may open, each with the viewer's
    organisation's review (`review`, None when not checked yet)."""
    types = visible_document_types(viewer, trainee.pk)
    documents = Document.objects.filter(owner=trainee, is_current=True, type__in=types)
    return with_review_of(documents, viewer.coordinator_of_id)


def own_documents(user: User) -> tuple[list[Document], list[Document]]:
    """For the trainee: current documents, each with `verdicts` (every organisation's
    review, with the organisation), and the earlier versions."""
    documents = Document.objects.filter(owner=user).prefetch_related(
        Prefetch(
            "reviews",
            queryset=DocumentReview.objects.select_related("organisation").order_by(
                "organisation__name"
            ),
            to_attr="verdicts",
        )
    )
    current = sorted(
        (d for d in documents if d.is_current), key=lambda d: str(d.get_type_display())
    )
    return current, [d for d in documents if not d.is_current]
