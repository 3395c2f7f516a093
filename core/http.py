"""Where a view may send the browser next: only to this site."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def is_safe_url(request: HttpRequest, url: str | None) -> bool:
    """True for a URL on this host (and over HTTPS when the request came over HTTPS):
    "/placements/mine/" yes; "//evil.example", "https://evil.example", "/\\evil.example" no."""
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def safe_next(request: HttpRequest, fallback: str, *, url: str | None = None) -> str:
    """The redirect target: `url` (by default the request's `next`, from the form or the
    query string) when it stays on this site, else `fallback` (a URL or a URL name)."""
    if url is None:
        url = request.POST.get("next") or request.GET.get("next")
    return url if is_safe_url(request, url) else resolve_url(fallback)
