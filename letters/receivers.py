"""Letters listen to trainees and programs: an invitation letter states the passport
details, dates, sites and costs, so a change re-issues the accepted applicants' letters.
Connected in LettersConfig.ready(); run inside the transaction of the change."""

from django.dispatch import receiver

from letters.services import refresh_letters_for
from programs.models import Program
from programs.signals import program_changed
from trainees.models import TraineeProfile
from trainees.signals import profile_changed


@receiver(profile_changed, sender=TraineeProfile, dispatch_uid="letters.profile_changed")
def reissue_for_trainee(*, trainee_id: int, **_kwargs) -> None:
    refresh_letters_for(trainee_id=trainee_id)


@receiver(program_changed, sender=Program, dispatch_uid="letters.program_changed")
def reissue_for_program(*, program_id: int, **_kwargs) -> None:
    refresh_letters_for(program_id=program_id)
