"""Deleting a row that other rows depend on: refused with the list of what depends on it.

Each app's selectors list the dependents of its rows as translated lines ("3 placements
(2 approved, 1 planned)"); the confirm page shows them and the service refuses through
`delete_unless_depended_on`, so a person never meets a ProtectedError or a server error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Model, ProtectedError, QuerySet, RestrictedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import Refused


class DependentsExist(Refused):
    """A deletion refused because other records still depend on the row."""

    def __init__(self, instance: Model, dependents: list[str]):
        self.dependents = list(dependents)
        super().__init__(
            _("“%(object)s” cannot be deleted while other records depend on it: %(dependents)s.")
            % {"object": instance, "dependents": "; ".join(self.dependents)}
        )


def count_by_status(queryset: QuerySet, field: str = "status") -> tuple[int, str]:
    """How many rows, and how many in each status by its label, most frequent first:
    (3, "2 approved, 1 planned"), or (2, "approved") when all share one."""
    labels = dict(queryset.model._meta.get_field(field).flatchoices)
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).order_by("-n", field)
    parts = [(row["n"], str(labels.get(row[field], row[field])).lower()) for row in rows]
    total = sum(n for n, _label in parts)
    if len(parts) == 1:  # "2 placements (approved)", not "(2 approved)"
        return total, parts[0][1]
    return total, ", ".join(f"{n} {label}" for n, label in parts)


def _described(objects) -> list[str]:
    """Rows named by a ProtectedError or RestrictedError, counted per kind."""
    counts: dict[type, int] = {}
    for obj in objects:
        counts[type(obj)] = counts.get(type(obj), 0) + 1
    return [
        f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
        for model, n in counts.items()
    ]


def delete_unless_depended_on(instance: Model, *, dependents: Callable[[Model], list[str]]) -> None:
    """Delete `instance` unless `dependents(instance)` lists anything, then refuse with that
    list (DependentsExist). Call it inside the service's transaction: the row is locked
    first, so a dependent written meanwhile either is seen by the check or waits for the
    delete and then fails on its own foreign key. A ProtectedError, RestrictedError or
    foreign-key IntegrityError that still arises becomes the same refusal."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    found = dependents(locked)
    if found:
        raise DependentsExist(instance, found)
    try:
        with transaction.atomic():
            locked.delete()
            # Foreign keys are checked at commit; check them here, where a refusal can
            # still roll back this savepoint alone.
            connection.check_constraints()
    except ProtectedError as error:
        raise DependentsExist(instance, _described(error.protected_objects)) from None
    except RestrictedError as error:
        raise DependentsExist(instance, _described(error.restricted_objects)) from None
    except IntegrityError:
        raise DependentsExist(
            instance, dependents(instance) or [_("records created meanwhile")]
        ) from None


def confirm_delete(
    request: HttpRequest,
    instance: Model,
    *,
    dependents: list[str],
    delete: Callable[[], None],
    done_url: str,
    cancel_url: str,
    done_message: str,
    what_is_lost: str = "",
) -> HttpResponse:
    """The confirm page of a deletion (GET) listing what depends on the row, and the
    deletion itself (POST): done, or refused with a message; both redirect."""
    if request.method == "POST":
        try:
            delete()
        except Refused as refusal:
            messages.error(request, refusal.message)
            return redirect(cancel_url)
        messages.success(request, done_message)
        return redirect(done_url)
    context = {
        "object": instance,
        "blockers": dependents,
        "cancel_url": cancel_url,
        "what_is_lost": what_is_lost,
    }
    return render(request, "includes/_confirm_delete.html", context)
