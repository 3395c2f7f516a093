"""Private files (agreements, documents, letters, exports): where they are stored, and how
they are served: never a public URL; the view checks permission and records the download,
then answers with `private_file_response`, which hands the file out as PRIVATE_FILES_SERVE
says (exchange_portal/storage.py):

- `django`: streamed by this process;
- `nginx`: an empty answer with `X-Accel-Redirect` to an internal nginx location that serves
  PRIVATE_MEDIA_ROOT (the web worker is free at once; nginx keeps the headers set here);
- `s3`: a redirect to a URL of the object store signed for PRIVATE_FILES_URL_EXPIRY seconds,
  with the file name, type and `no-store` in the signed response headers.

Each answer is `Cache-Control: private, no-store` and `nosniff`.
"""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

NO_STORE = "private, no-store"


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
) -> HttpResponse:
    """A download that browsers and proxies neither sniff nor keep."""
    mode = settings.PRIVATE_FILES_SERVE
    if mode in {"s3", "nginx"} and isinstance(handle, FieldFile):
        handle.close()
        disposition = content_disposition_header(
            attachment, filename or handle.name.rsplit("/", 1)[-1]
        )
        if mode == "s3":
            response = _signed_redirect(handle, content_type, disposition)
        else:
            response = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = settings.PRIVATE_FILES_NGINX_LOCATION + quote(
                handle.name
            )
            response["Content-Disposition"] = disposition
    else:
        response = FileResponse(
            handle, as_attachment=attachment, filename=filename or None, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = NO_STORE
    return response


def _signed_redirect(field_file: FieldFile, content_type: str, disposition: str) -> HttpResponse:
    """A redirect to the object, signed for a minute; the store answers with our headers."""
    url = field_file.storage.url(
        field_file.name,
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": disposition,
            "ResponseCacheControl": NO_STORE,
        },
        expire=settings.PRIVATE_FILES_URL_EXPIRY,
    )
    response = HttpResponseRedirect(url)
    response["Referrer-Policy"] = "no-referrer"
    return response


def delete_after_commit(field_file) -> None:
    """Delete the file a FieldFile names *now* (call it before changing the name) once the
    transaction commits: a replaced or removed file, never one still referenced."""
    if field_file:
        storage, name = field_file.storage, field_file.name
        transaction.on_commit(lambda: storage.delete(name))
