from django.utils.functional import SimpleLazyObject

from notifications.selectors import unread_count


def inbox(request):
    """The bell's unread count: one query, and only on pages that show it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
