"""Reminder rules: periodic checks registered by domain apps.

A rule is a function that, given the time, yields the reminders that are due. Each reminder
names its object and threshold; the outbox's dedupe key (rule, object, threshold, recipient,
channel) makes sure it is sent once, however often the rules run. The beat task
`notifications.tasks.run_reminders` runs every rule hourly.

An app adds a rule in its `notify.py`:

    @reminder_rule("programs.draft-window-opens")
    def draft_programs_opening_soon(now):
        for program in Program.objects.filter(...):
            yield Reminder(
                recipients=program.organisation.coordinators.all(),
                kind="programs.draft_window_opens",
                context={"program": program},
                object_key=f"program:{program.pk}",
                threshold="7d",
                link=reverse("programs:program_detail", args=[program.pk]),
                organisation=program.organisation,
            )
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from notifications.services import notify

logger = logging.getLogger(__name__)


@dataclass
class Reminder:
    recipients: Sequence[Any]
    kind: str
    object_key: str
    threshold: str
    context: dict = field(default_factory=dict)
    link: str = ""
    organisation: Any = None


RuleFunction = Callable[[datetime], Iterable[Reminder]]
_RULES: dict[str, RuleFunction] = {}


def reminder_rule(name: str) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        _RULES[name] = function
        return function

    return register


def rules() -> dict[str, RuleFunction]:
    return dict(_RULES)


def run_reminders(now: datetime | None = None, only: Iterable[str] | None = None) -> int:
    """Run every registered rule (or those named); returns how many notifications were
    written. A rule that fails is logged and does not stop the others."""
    now = now or timezone.now()
    written = 0
    for name, function in _RULES.items():
        if only is not None and name not in only:
            continue
        try:
            for reminder in function(now):
                with transaction.atomic():
                    written += len(
                        notify(
                            recipients=reminder.recipients,
                            kind=reminder.kind,
                            context=reminder.context,
                            dedupe_key=f"{name}:{reminder.object_key}:{reminder.threshold}",
                            link=reminder.link,
                            organisation=reminder.organisation,
                        )
                    )
        except Exception:
            logger.exception("reminder rule %s failed", name)
    return written
