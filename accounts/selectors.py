"""Reads about people: who coordinates an organisation."""

from __future__ import annotations

from accounts.models import User


def coordinators_of(organisation_id: int) -> list[User]:
    """The active coordinators of a host organisation: who is told about its programs."""
    return list(User.objects.filter(coordinator_of_id=organisation_id, is_active=True))
