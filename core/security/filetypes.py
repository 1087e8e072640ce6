"""What a file is by its bytes, whatever its name says.

Used by the document upload form and by the bundle importer.
"""

import zipfile
from pathlib import PurePath

import filetype

HEAD_BYTES = 8192
# Office Open XML packages keep their parts in a folder named for the program.
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_TYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _head(handle, size=HEAD_BYTES):
    position = handle.tell()
    handle.seek(0)
    head = handle.read(size)
    handle.seek(position)
    return head


def is_pdf(handle):
    """True when the file starts as every PDF does."""
    return _head(handle, 5) == b"%PDF-"


def _zip_names(handle):
    position = handle.tell()
    try:
        handle.seek(0)
        if not zipfile.is_zipfile(handle):
            return None
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        return names, mimetype
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    finally:
        handle.seek(position)


def _is_text(head):
    # Spreadsheet programs write CSV and text in UTF-8, UTF-16 (with a byte
    # order mark) or a Windows code page: all fine, but no NUL bytes otherwise.
    if head.startswith(UTF16_BOMS):
        return True
    return b"\x00" not in head and filetype.guess(head) is None


def matches_extension(name, handle):
    """True when the bytes of ``handle`` are a file of the kind ``name``'s extension says."""
    extension = PurePath(name).suffix.lower().lstrip(".")
    head = _head(handle)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OOXML_FOLDERS:
        package = _zip_names(handle)
        return bool(package) and (
            "[Content_Types].xml" in package[0]
            and any(n.startswith(OOXML_FOLDERS[extension]) for n in package[0])
        )
    if extension in ODF_TYPES:
        package = _zip_names(handle)
        return bool(package) and package[1].strip() == ODF_TYPES[extension]
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in ("txt", "csv"):
        return _is_text(head)
    # Any other extension: at least not a different known format.
    kind = filetype.guess(head)
    return kind is None or kind.extension == extension
