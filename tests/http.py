"""Small readers of test client responses."""

from django.contrib.messages import get_messages


def messages_of(response) -> list[str]:
    """The flash messages a response queued (read before following its redirect)."""
    return [str(message) for message in get_messages(response.wsgi_request)]
