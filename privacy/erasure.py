"""Erasing one person: names in every script, contacts, passport data and files go; the
anonymous facts that statistics need (nationality, sex, specialty, program, year, status)
stay. Rows change in one transaction (all or nothing); files are deleted after it commits."""

from __future__ import annotations

from html import escape

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accommodation.models import HousingRequest
from accounts.models import Invitation
from applications.models import Application, Comment, RefereeRequest, StatusChange
from core.files import delete_after_commit
from letters.models import InvitationLetter
from notifications.models import Notification
from notifications.models import Preference as NotificationPreference
from placements.models import (
    CalendarFeed,
    Placement,
    PlacementStatusChange,
    ReadinessExport,
    TrainingActivity,
    TrainingPlan,
)
from privacy.models import ErasureRequest, PersonalDataExport, PrivacyEvent
from trainees.models import Document, TraineeProfile

ERASED = "[erased]"
# Outbox rows that had not gone out yet are never sent once their text is blanked.
UNSENT = ("pending", "sending", "digest", "failed")


def placeholder_email(user) -> str:
    return f"erased-{user.pk}@invalid"


def identifying_strings(user, profile: TraineeProfile | None) -> tuple[list[str], list[str]]:
    """(strong, all): `strong` identify the person wherever they appear (full names, e-mail,
    passport number, phones) and are searched in every row of shared tables; `all` adds single
    given and family names, replaced only in rows about the person. Longest first."""
    strong = {user.latin_name, user.native_name, user.display_name, user.email}
    if profile is not None:
        strong |= {profile.passport_number, profile.phone, profile.emergency_contact_phone}
        strong.add(profile.emergency_contact_name)
    weak = {user.first_name, user.last_name, *user.native_name.split()}
    strong = {s for s in strong if len(s.strip()) >= 3}
    everything = strong | {s for s in weak if len(s.strip()) >= 2}
    key = lambda s: (-len(s), s)  # noqa: E731
    return sorted(strong, key=key), sorted(everything, key=key)


def scrub(text: str, strings: list[str]) -> str:
    for value in strings:
        text = text.replace(value, ERASED).replace(escape(value), ERASED)
    return text


def _containing(strings: list[str], *fields: str) -> Q:
    query = Q(pk__in=[])
    for value in strings:
        for field in fields:
            query |= Q(**{f"{field}__contains": value})
    return query


def _scrub_rows(queryset, strings: list[str], *fields: str) -> int:
    """Replace `strings` in the text `fields` of every row of `queryset` that holds one."""
    count = 0
    for row in queryset.filter(_containing(strings, *fields)):
        for field in fields:
            setattr(row, field, scrub(getattr(row, field), strings))
        row.save(update_fields=list(fields))
        count += 1
    return count


def _delete_files(*field_files) -> int:
    count = 0
    for field_file in field_files:
        if field_file:
            delete_after_commit(field_file)
            count += 1
    return count


def _erase_files_and_rows(user, profile: TraineeProfile | None) -> dict:
    applications = Application.objects.filter(trainee=user)
    documents = list(Document.objects.filter(owner=user))
    letters = list(InvitationLetter.objects.filter(application__in=applications))
    referees = list(RefereeRequest.objects.filter(application__in=applications))
    exports = list(PersonalDataExport.objects.filter(user=user))
    # Readiness tables of their programs name them; coordinators make new ones on demand.
    readiness = list(ReadinessExport.objects.filter(program__applications__trainee=user).distinct())
    files = _delete_files(
        *(d.file for d in documents),
        *(letter.pdf for letter in letters),
        *(r.letter for r in referees),
        *(e.file for e in exports),
        *(r.file for r in readiness),
        *((profile.photo, profile.photo_thumbnail) if profile else ()),
    )
    Document.objects.filter(pk__in=[d.pk for d in documents]).delete()
    InvitationLetter.objects.filter(pk__in=[letter.pk for letter in letters]).delete()
    RefereeRequest.objects.filter(pk__in=[r.pk for r in referees]).delete()
    PersonalDataExport.objects.filter(pk__in=[e.pk for e in exports]).delete()
    ReadinessExport.objects.filter(pk__in=[r.pk for r in readiness]).delete()
    return {
        "files": files,
        "documents": len(documents),
        "letters": len(letters),
        "referee_letters": len(referees),
    }


def _erase_profile(profile: TraineeProfile | None) -> None:
    if profile is None:
        return
    profile.languages.all().delete()
    TraineeProfile.objects.filter(pk=profile.pk).update(
        date_of_birth=None,
        passport_number="",
        current_hospital="",
        current_position="",
        phone="",
        emergency_contact_name="",
        emergency_contact_phone="",
        emergency_contact_relation="",
        photo="",
        photo_thumbnail="",
    )


def _erase_texts(user, strong: list[str], everything: list[str]) -> dict:
    applications = Application.objects.filter(trainee=user)
    applications.update(motivation="")
    HousingRequest.objects.filter(application__in=applications).update(notes="", languages="")
    own = Q(recipient=user) | Q(to_email__iexact=user.email)
    mine = Notification.objects.filter(own)
    mine.filter(status__in=UNSENT).update(status=Notification.Status.SKIPPED)
    blanked = mine.update(
        subject="", body_text="", body_html="", link="", to_email="", last_error=""
    )
    texts = ("subject", "body_text", "body_html")
    scrubbed = _scrub_rows(Notification.objects.exclude(own), strong, *texts)
    scrubbed += _scrub_rows(
        Comment.objects.filter(application__in=applications), everything, "text"
    )
    scrubbed += _scrub_rows(
        StatusChange.objects.filter(application__in=applications), everything, "reason"
    )
    placements = Placement.objects.filter(application__in=applications)
    scrubbed += _scrub_rows(placements, everything, "comment")
    scrubbed += _scrub_rows(
        PlacementStatusChange.objects.filter(placement__in=placements), everything, "reason"
    )
    plans = TrainingPlan.objects.filter(placement__in=placements)
    scrubbed += _scrub_rows(plans, everything, "summary")
    scrubbed += _scrub_rows(
        TrainingActivity.objects.filter(plan__in=plans), everything, "description"
    )
    scrubbed += _scrub_rows(LogEntry.objects.all(), strong, "object_repr", "change_message")
    scrubbed += _scrub_rows(ErasureRequest.objects.filter(subject=user), everything, "reason")
    scrubbed += _scrub_rows(PrivacyEvent.objects.filter(subject=user), everything, "detail")
    return {"notifications_blanked": blanked, "texts_scrubbed": scrubbed}


def _erase_account(user) -> None:
    old_email = user.email
    Invitation.objects.filter(email__iexact=old_email).update(email=placeholder_email(user))
    EmailAddress.objects.filter(Q(user=user) | Q(email__iexact=old_email)).delete()
    Authenticator.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=old_email).delete()
    NotificationPreference.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
    user.first_name = ""
    user.last_name = ""
    user.native_name = ""
    user.email = placeholder_email(user)
    user.is_active = False
    user.set_unusable_password()
    user.save()


@transaction.atomic
def erase_person(user) -> dict:
    """Erase `user`'s personal data (see the module). Returns counts for the audit log."""
    user = type(user).objects.select_for_update().get(pk=user.pk)
    profile = TraineeProfile.objects.select_for_update().filter(user=user).first()
    strong, everything = identifying_strings(user, profile)
    counts = _erase_files_and_rows(user, profile)
    _erase_profile(profile)
    counts |= _erase_texts(user, strong, everything)
    _erase_account(user)
    return counts
