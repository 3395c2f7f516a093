"""Glue between the login form and django-axes' throttling."""

from __future__ import annotations

from django.http import HttpRequest


def login_attempt_username(request: HttpRequest | None, credentials: dict | None) -> str | None:
    """The account a login attempt is for: allauth authenticates with ``email=...``, its form
    posts ``login=...``. Lower-cased, so that case variations count against one account."""
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        value = getattr(request, "POST", {}).get("login")
    return value.strip().lower() if value else None
