"""Uploads are checked by content: a document must be what its name says, and
oversized images and decompression bombs are refused with a clear message."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.security.filetypes import matches_extension

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def file_error(response):
    """The upload form's file error (code, message), after checking the page shows it."""
    assert response.status_code == 200
    error = response.context["form"].errors.as_data()["file"][0]
    message = str(error.message % error.params if error.params else error.message)
    assert escape(message) in response.text
    return error.code, message


def zip_bytes(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def png_bomb(width, height):
    """A small PNG that claims ``width`` x ``height`` black pixels (1 bit each)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("plan.pdf", PDF, True),
        ("plan.pdf", b"MZ\x90\x00 an executable", False),
        ("plan.pdf", b"<html><script>alert(1)</script></html>", False),
        ("avtal.docx", DOCX, True),
        ("avtal.docx", zip_bytes({"a.txt": "x"}), False),
        ("avtal.docx", PDF, False),
        ("avtal.xlsx", DOCX, False),
        ("text.odt", ODT, True),
        ("text.odt", DOCX, False),
        ("brev.rtf", b"{\\rtf1\\ansi hej}", True),
        ("brev.rtf", PDF, False),
        ("lista.csv", "namn;ort\nÅsa;Malmö\n".encode("cp1252"), True),
        ("lista.csv", "\ufeffnamn;ort\n".encode("utf-16"), True),
        ("lista.csv", b"\x00\x01\x02binary", False),
        ("lista.txt", PNG_BYTES, False),
        ("lista.txt", b"Vanlig text.", True),
    ],
)
def test_content_must_match_the_extension(name, content, ok):
    """PDF, Office, OpenDocument, RTF and text files are recognised by their bytes."""
    assert matches_extension(name, io.BytesIO(content)) is ok


@pytest.fixture
def uploader(client, admin_user, tree):
    client.force_login(admin_user)
    return client


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": "Dokument",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_real_pdf_is_accepted(uploader):
    """A real PDF uploads as before."""
    response = upload_document(uploader, "plan.pdf", PDF)
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Dokument").exists()


def test_renamed_file_is_refused_with_a_clear_message(uploader):
    """A web page renamed to .pdf is refused, says why, and nothing is saved."""
    response = upload_document(uploader, "plan.pdf", b"<html><script>alert(1)</script>")
    assert file_error(response)[0] == "content_mismatch"
    assert not get_document_model().objects.exists()


def test_multiple_upload_refuses_it_too(uploader):
    """The drag-and-drop uploader gives the same message."""
    response = uploader.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 an executable")},
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert ".pdf" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_svg_documents_are_refused(uploader):
    """SVG is not an allowed document type."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_document(uploader, "bild.svg", svg)
    assert "svg" in file_error(response)[1]
    assert not get_document_model().objects.exists()


def test_an_svg_document_already_stored_is_downloaded_in_a_sandbox(client, tree):
    """An SVG that reached the library some other way is never shown as a page."""
    Document = get_document_model()
    document = Document(title="Gammal bild", collection=Collection.get_first_root_node())
    document.file.save(
        "gammal.svg",
        ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    )
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": "Bild",
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_ordinary_image_is_accepted(uploader):
    """A small PNG uploads."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "white").save(buffer, "PNG")
    response = upload_image(uploader, "liten.png", buffer.getvalue())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Bild").exists()


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8_000, 8_000),  # 64 million pixels: over the portal's 40 million
        (20_000, 20_000),  # 400 million: over twice Pillow's own limit
    ],
)
def test_decompression_bomb_is_refused(uploader, width, height):
    """A few kilobytes that unpack to a huge image are refused before decoding."""
    bomb = png_bomb(width, height)
    assert len(bomb) < 200_000
    response = upload_image(uploader, "bomb.png", bomb)
    assert file_error(response)[0] == "file_too_many_pixels"
    assert not get_image_model().objects.exists()


def test_oversized_image_file_is_refused(uploader, settings):
    """A file above WAGTAILIMAGES_MAX_UPLOAD_SIZE is refused with the limit named."""
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024
    buffer = io.BytesIO()
    PILImage.effect_noise((100, 100), 50).convert("RGB").save(buffer, "PNG")
    response = upload_image(uploader, "stor.png", buffer.getvalue())
    assert file_error(response)[0] == "file_too_large"


def test_image_with_a_false_extension_is_refused(uploader):
    """A PNG named .jpg is caught by its content."""
    response = upload_image(uploader, "foto.jpg", PNG_BYTES)
    assert file_error(response)[0] == "invalid_image_known_format"


def test_svg_images_are_refused(uploader):
    """SVG is not an allowed image format (it can carry script)."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
    response = upload_image(uploader, "ikon.svg", svg)
    assert file_error(response)[0] == "invalid_image_extension"
