"""A small rate limiter on the cache (Redis in production): at most `limit` events per key in
each window of `window` seconds, counted with one atomic increment.

Fixed windows: a burst across the boundary of two windows may reach twice the limit, which is
enough to stop a script hammering an upload form and costs one cache round trip.
"""

from __future__ import annotations

import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _bucket(key: str, window: int) -> str:
    return f"ratelimit:{key}:{window}:{int(time.time() // window)}"


def hit(key: str, limit: int, window: int) -> bool:
    """Count one event for `key`; True while at most `limit` fell in this window."""
    bucket = _bucket(key, window)
    cache.add(bucket, 0, timeout=window + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # the bucket expired between add and incr: a new window
        cache.add(bucket, 1, timeout=window + 1)
        count = 1
    return count <= limit


def seconds_left(window: int) -> int:
    """Seconds until the current window ends (when a refused key may try again)."""
    return max(1, math.ceil(window - time.time() % window))


def uploader_key(request: HttpRequest) -> str:
    """Who uploads: the signed-in user, or else the address (a referee has no account)."""
    if request.user.is_authenticated:
        return f"uploads:user:{request.user.pk}"
    return f"uploads:ip:{request.META.get('REMOTE_ADDR', '')}"


def limit_uploads(view):
    """Refuse a POST that carries files once its sender has uploaded UPLOAD_RATE_LIMIT times
    in UPLOAD_RATE_WINDOW seconds: a page that says so, with HTTP 429 and Retry-After. Put
    it under the view's login decorator, so the limit counts per user."""

    @wraps(view)
    def limited(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and request.FILES:
            limit, window = settings.UPLOAD_RATE_LIMIT, settings.UPLOAD_RATE_WINDOW
            if not hit(uploader_key(request), limit, window):
                return too_many_uploads(request, limit=limit, window=window)
        return view(request, *args, **kwargs)

    return limited


def too_many_uploads(request: HttpRequest, *, limit: int, window: int) -> HttpResponse:
    wait = seconds_left(window)
    minutes = math.ceil(wait / 60)
    message = _(
        "You have reached the upload limit (%(limit)s files in a short time). Nothing from "
        "this form was saved; please try again in %(minutes)s."
    ) % {
        "limit": limit,
        "minutes": ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes},
    }
    response = render(request, "includes/too_many_uploads.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response
