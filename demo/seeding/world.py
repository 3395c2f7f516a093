"""What one pass of the seeder has touched so far, by natural key, for the next steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from accounts.models import Organisation, User
from hospitals.models import Hospital
from reference.models import Specialty


@dataclass
class World:
    today: date
    specialties: dict[str, Specialty] = field(default_factory=dict)  # by slug
    organisations: dict[str, Organisation] = field(default_factory=dict)  # by name
    hospitals: dict[str, Hospital] = field(default_factory=dict)  # by name
    people: dict[str, User] = field(default_factory=dict)  # by e-mail
