"""Every kind of notification the portal sends is declared here, once.

An app declares its kinds in `<app>/notify.py`:

    register(Kind(
        name="applications.status_changed",
        label=_("An application changed status"),
        template="applications/notifications/status_changed",
    ))

`template` is a prefix: `<prefix>_subject.txt`, `<prefix>.txt` and (optionally) `<prefix>.html`
are rendered in the recipient's language and time zone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

IN_APP = "in_app"
EMAIL = "email"


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise
    template: str
    # May a person switch the e-mail off or get it in the daily digest?
    optional: bool = True
    default_mode: str = "immediate"
    channels: tuple[str, ...] = (IN_APP, EMAIL)
    # Whose preference page lists it: "trainee", "coordinator", "supervisor" or "" for all.
    audience: tuple[str, ...] = ()


_KINDS: dict[str, Kind] = {}


class UnknownKind(LookupError):
    pass


def register(kind: Kind) -> Kind:
    existing = _KINDS.get(kind.name)
    if existing is not None and existing != kind:
        raise ValueError(f"notification kind {kind.name!r} is declared twice")
    _KINDS[kind.name] = kind
    return kind


def get_kind(name: str) -> Kind:
    try:
        return _KINDS[name]
    except KeyError:
        raise UnknownKind(f"no notification kind {name!r} is registered") from None


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.name)
