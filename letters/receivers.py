"""Letters listen to trainees, programs, placements and host organisations: an invitation letter states the
passport details, dates, hospitals, supervisors and costs, so a change re-issues the accepted
applicants' letters (only those whose printed details changed get a new one).
Connected in LettersConfig.ready(); run inside the transaction of the change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Organisation
from letters.services import refresh_letters_for
from programs.models import Program
from programs.signals import program_changed
from trainees.models import TraineeProfile
from trainees.signals import profile_changed

# Placements are on the letters' own floor and neither app imports the other: the model is
# named lazily ("app_label.Model"), as Django's model signals allow.
PLACEMENT = "placements.Placement"


@receiver(profile_changed, sender=TraineeProfile, dispatch_uid="letters.profile_changed")
def reissue_for_trainee(*, trainee_id: int, **_kwargs) -> None:
    refresh_letters_for(trainee_id=trainee_id)


@receiver(program_changed, sender=Program, dispatch_uid="letters.program_changed")
def reissue_for_program(*, program_id: int, **_kwargs) -> None:
    refresh_letters_for(program_id=program_id)


@receiver(post_save, sender=PLACEMENT, dispatch_uid="letters.placement_saved")
@receiver(post_delete, sender=PLACEMENT, dispatch_uid="letters.placement_deleted")
def reissue_for_placement(*, instance, raw: bool = False, **_kwargs) -> None:
    if not raw:  # not while loading fixtures
        refresh_letters_for(application_id=instance.application_id)


@receiver(post_save, sender=Organisation, dispatch_uid="letters.organisation_saved")
def reissue_for_organisation(*, instance: Organisation, raw: bool = False, **_kwargs) -> None:
    """The letterhead (names, city, website) and the host-language copy."""
    if not raw:
        refresh_letters_for(organisation_id=instance.pk)
