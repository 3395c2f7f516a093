from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User
from notifications.models import Notification


def inbox(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.only("id", "kind", "subject", "body_text", "link", "created_at", "read_at")


def unread_count(user: User) -> int:
    return Notification.objects.filter(
        recipient=user, channel=Notification.Channel.IN_APP, read_at__isnull=True
    ).count()
