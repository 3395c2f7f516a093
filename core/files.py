"""Private files (agreements, documents, letters, exports): where they are stored, and how
they are served: never a public URL; the view checks permission and records the download,
then answers with these headers."""

from __future__ import annotations

from django.core.files.storage import storages
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _


def private_storage():
    """The private storage (settings.STORAGES["private"]), for a FileField's `storage`: a
    callable, so it is looked up when used (tests swap it) and migrations name this path."""
    return storages["private"]


def open_private(field_file, missing: str | None = None):
    """Open a stored private file for reading, or answer 404 when it is absent."""
    if not field_file:
        raise Http404(missing or _("The file is missing."))
    try:
        return field_file.open("rb")
    except FileNotFoundError:
        raise Http404(missing or _("The file is missing.")) from None


def private_file_response(
    handle, *, content_type: str, filename: str = "", attachment: bool = True
) -> FileResponse:
    """A download that browsers and proxies neither sniff nor keep."""
    response = FileResponse(
        handle, as_attachment=attachment, filename=filename or None, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def delete_after_commit(field_file) -> None:
    """Delete the file a FieldFile names *now* (call it before changing the name) once the
    transaction commits: a replaced or removed file, never one still referenced."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))
