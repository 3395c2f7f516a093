"""What the trainees app tells people."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.registry import Kind, register
from notifications.services import notify

DOCUMENT_REVIEWED = register(
    Kind(
        name="trainees.document_reviewed",
        label=_("A coordinator checked one of your documents"),
        template="trainees/email/document_reviewed",
        optional=False,
        audience=("trainee",),
    )
)


def document_reviewed(document, review, *, by) -> None:
    notify(
        recipients=[document.owner],
        kind=DOCUMENT_REVIEWED.name,
        context={
            "document": document,
            "review": review,
            "organisation": review.organisation,
            "verified": review.status == "verified",
        },
        link=reverse("trainees:documents"),
        organisation=by.coordinator_of,
    )
