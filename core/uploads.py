"""Uploaded files checked by content before they are stored (pictures: core.images).

A PDF is accepted by its magic bytes and then opened with pikepdf (qpdf): an encrypted one is
refused (the portal could not check it, and a coordinator could not open it), and so is one
with active content that a PDF reader may run when the file is opened: JavaScript, launch
actions, additional actions (/AA), actions on open that are not a plain page jump, embedded
files, XFA forms or rich media. A person who has such a file prints it to a new PDF.
"""

from __future__ import annotations

import re
from io import BytesIO

import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF_MAGIC = b"%PDF-"
# A scanned or typed document has tens to a few thousand objects (about two per page plus
# fonts and pictures); reading 20,000 costs about 1.5 s (bench/uploads.py).
PDF_MAX_OBJECTS = 20_000

# What is found, named for the person who uploaded the file.
JAVASCRIPT = gettext_lazy("JavaScript")
LAUNCH = gettext_lazy("an action that starts a program")
AUTOMATIC = gettext_lazy("actions run automatically")
EMBEDDED = gettext_lazy("embedded files")
RICH = gettext_lazy("interactive forms or media")

# Keys of a dictionary that carry active content wherever they appear.
ACTIVE_KEYS = {
    "/JS": JAVASCRIPT,
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/AA": AUTOMATIC,
    "/EmbeddedFiles": EMBEDDED,
    "/EF": EMBEDDED,
    "/XFA": RICH,
    "/RichMedia": RICH,
}
# Action types (/S of an action dictionary) that run something.
ACTIVE_ACTIONS = {
    "/JavaScript": JAVASCRIPT,
    "/Launch": LAUNCH,
    "/GoToE": EMBEDDED,
    "/ImportData": RICH,
    "/RichMediaExecute": RICH,
}
# Object types that are active content in themselves.
ACTIVE_TYPES = {"/EmbeddedFile": EMBEDDED}
CONTAINERS = (pikepdf.Dictionary, pikepdf.Array, pikepdf.Stream)
WATCHED = {*ACTIVE_KEYS, "/S", "/Type", "/OpenAction"}
# Any of these names in an object's text (qpdf writes names in their plain form, so
# "/J#61vaScript" reads "/JavaScript") sends the object to the exact walk below: one call
# into qpdf per object instead of one per key and value.
SUSPECT = re.compile(
    rb"(?:"
    + b"|".join(
        re.escape(name.encode())
        for name in sorted({*ACTIVE_KEYS, *ACTIVE_ACTIONS, *ACTIVE_TYPES, "/OpenAction"})
    )
    + rb")(?![^\s/<>\[\]()%{}])"
)


def _too_large(max_bytes: int) -> ValidationError:
    return ValidationError(
        _("File too large: at most %(megabytes)s MB") % {"megabytes": max_bytes // 2**20},
        code="file_too_large",
    )


def _name(value) -> str:
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _findings_in(root, found: set) -> None:
    """Walk one object and the direct objects nested in it (indirect ones are walked on
    their own, so a reference is never followed twice and a cycle never loops)."""
    pending = [root]
    while pending:
        obj = pending.pop()
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Dictionary):
            keys = set(obj.keys())
            if keys & WATCHED:
                _findings_in_dictionary(obj, keys, found)
            values = obj.values()
        elif isinstance(obj, pikepdf.Array):
            values = list(obj)
        else:
            continue
        pending.extend(
            value for value in values if isinstance(value, CONTAINERS) and not value.is_indirect
        )


def _findings_in_dictionary(obj, keys: set, found: set) -> None:
    found.update(ACTIVE_KEYS[key] for key in keys & ACTIVE_KEYS.keys())
    if "/S" in keys and _name(obj.get("/S")) in ACTIVE_ACTIONS:
        found.add(ACTIVE_ACTIONS[_name(obj.get("/S"))])
    if "/Type" in keys and _name(obj.get("/Type")) in ACTIVE_TYPES:
        found.add(ACTIVE_TYPES[_name(obj.get("/Type"))])
    if "/OpenAction" in keys:
        opening = obj.get("/OpenAction")
        # A destination (an array) only opens a page; a dictionary is an action.
        if isinstance(opening, pikepdf.Dictionary) and _name(opening.get("/S")) != "/GoTo":
            found.add(AUTOMATIC)


def _too_complex() -> ValidationError:
    return ValidationError(
        _(
            "This PDF is too complex to check (more than %(count)s parts). Print it to a new "
            "PDF (Print, then Save as PDF) and upload that copy."
        )
        % {"count": f"{PDF_MAX_OBJECTS:,}"},
        code="pdf_too_complex",
    )


def active_content(pdf: pikepdf.Pdf) -> list[str]:
    """What in this PDF a reader may run or unpack on its own (empty: nothing). A file of
    more than PDF_MAX_OBJECTS objects is refused rather than read: first by the size its
    cross-reference table declares (free), then by the objects actually found."""
    declared = pdf.trailer.get("/Size")
    if isinstance(declared, int) and declared > PDF_MAX_OBJECTS + 1:
        raise _too_complex()
    objects = pdf.objects
    if len(objects) > PDF_MAX_OBJECTS:
        raise _too_complex()
    found: set = set()
    for obj in [pdf.trailer, *objects]:
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, CONTAINERS) and SUSPECT.search(obj.unparse(resolved=True)):
            _findings_in(obj, found)
    return sorted(str(item) for item in found)


def check_pdf_content(file) -> None:
    """Refuse a PDF that is unreadable, encrypted or carries active content, with a message
    that says what to do. The file is read whole (it is at most UPLOAD_MAX_BYTES)."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        # Page attributes are not pushed down the page tree: that walk is not needed here.
        with pikepdf.open(BytesIO(data), inherit_page_attributes=False) as pdf:
            encrypted = pdf.is_encrypted
            found = [] if encrypted else active_content(pdf)
    except pikepdf.PasswordError:
        encrypted, found = True, []
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise ValidationError(
            _("This file is not a readable PDF. Save it again as a PDF and upload that copy."),
            code="pdf_unreadable",
        ) from None
    if encrypted:
        raise ValidationError(
            _(
                "This PDF is encrypted or protected by a password. Save a copy without "
                "protection and upload that."
            ),
            code="pdf_encrypted",
        )
    if found:
        raise ValidationError(
            _(
                "This PDF contains active content (%(found)s), which is not accepted. Print it "
                "to a new PDF (Print, then Save as PDF) and upload that copy."
            )
            % {"found": ", ".join(found)},
            code="pdf_active_content",
        )


def clean_uploaded_pdf(file) -> object:
    """Accept a PDF by its content (it starts with %PDF-, opens, is not encrypted and runs
    nothing), at most UPLOAD_MAX_BYTES."""
    max_bytes = settings.UPLOAD_MAX_BYTES
    if file.size > max_bytes:
        raise _too_large(max_bytes)
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(_("Upload the agreement as a PDF file."), code="not_pdf")
    check_pdf_content(file)
    return file
