"""What the letters app tells people."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.registry import Kind, register
from notifications.services import notify

LETTER_REFUSED = register(
    Kind(
        name="letters.letter_refused",
        label=_("Your invitation letter cannot be issued yet"),
        template="letters/email/letter_refused",
        optional=False,
        audience=("trainee",),
    )
)


def letter_refused(refusal) -> None:
    """Tell the trainee why their letter is not issued and what to do; once per passport
    (a newer passport that still expires too soon is told again)."""
    application = refusal.application
    notify(
        recipients=[application.trainee],
        kind=LETTER_REFUSED.name,
        context={"refusal": refusal, "program": application.program},
        dedupe_key=(
            f"letter-refused:application:{application.pk}:{refusal.passport_expires_on}"
            f":{refusal.valid_until_needed}"
        ),
        link=reverse("trainees:documents"),
        organisation=application.program.organisation,
    )
