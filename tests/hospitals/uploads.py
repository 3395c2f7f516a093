"""Small files built in memory for upload tests."""

from io import BytesIO

import pikepdf
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def pdf_bytes(change=None) -> bytes:
    """A one-page PDF; `change(pdf)` may add to it (a script, an action) before saving."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    if change is not None:
        change(pdf)
    buffer = BytesIO()
    pdf.save(buffer, static_id=True)
    return buffer.getvalue()


PDF_BYTES = pdf_bytes()


def image_bytes(size=(40, 30), fmt="PNG", mode="RGB", **save_kwargs) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, "white" if mode == "1" else "steelblue").save(
        buffer, format=fmt, **save_kwargs
    )
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def _script():
    return pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))


def _link(pdf, action):
    pdf.pages[0].Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=pikepdf.Array([0, 0, 10, 10]),
                    A=action,
                )
            ]
        )
    )


def _open_script(pdf):
    pdf.Root.OpenAction = _script()


def _named_script(pdf):
    scripts = pikepdf.Array([pikepdf.String("init"), pdf.make_indirect(_script())])
    pdf.Root.Names = pikepdf.Dictionary(JavaScript=pikepdf.Dictionary(Names=scripts))


def _launch(pdf):
    _link(pdf, pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("calc.exe")))


def _page_actions(pdf):
    pdf.pages[0].AA = pikepdf.Dictionary(O=_script())


def _attachment(pdf):
    pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ not really")


def _encrypted(user: str) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    buffer = BytesIO()
    pdf.save(buffer, encryption=pikepdf.Encryption(owner="owner-secret", user=user))
    return buffer.getvalue()


def _hex_escaped_script() -> bytes:
    """A script whose names are written with #xx escapes (/J#61vaScript), which readers
    decode and naive byte searches miss."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    _open_script(pdf)
    buffer = BytesIO()
    pdf.save(buffer, qdf=True, static_id=True)
    raw = buffer.getvalue()
    assert b"/S /JavaScript" in raw
    return raw.replace(b"/S /JavaScript", b"/S /J#61vaScript").replace(b"/JS ", b"/J#53 ")


def active_pdfs() -> dict[str, tuple[bytes, str]]:
    """PDFs that must be refused: name -> (content, what the message names)."""
    return {
        "javascript-on-open": (pdf_bytes(_open_script), "JavaScript"),
        "javascript-name-tree": (pdf_bytes(_named_script), "JavaScript"),
        "launch-action": (pdf_bytes(_launch), "an action that starts a program"),
        "page-additional-actions": (pdf_bytes(_page_actions), "actions run automatically"),
        "embedded-file": (pdf_bytes(_attachment), "embedded files"),
        "hex-escaped-javascript": (_hex_escaped_script(), "JavaScript"),
        "encrypted-with-password": (_encrypted("user-secret"), "encrypted"),
        "encrypted-owner-only": (_encrypted(""), "encrypted"),
    }


def harmless_pdfs() -> dict[str, bytes]:
    """PDFs with links and a start page: accepted."""
    return {
        "plain": PDF_BYTES,
        "web-link": pdf_bytes(
            lambda pdf: _link(
                pdf,
                pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://who.int")),
            )
        ),
        "opens-at-page-one": pdf_bytes(
            lambda pdf: setattr(
                pdf.Root, "OpenAction", pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
            )
        ),
    }
