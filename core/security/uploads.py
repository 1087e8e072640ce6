"""Uploaded documents must be what their names say.

Wagtail checks images by content itself (format, size, pixel count, Pillow's
decompression-bomb guard); documents it checks by extension only, so a
renamed executable or web page would pass as a PDF.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from .filetypes import matches_extension


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with a content check."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile) and not matches_extension(file.name, file):
            extension = PurePath(file.name).suffix.lower().lstrip(".")
            raise ValidationError(
                _(
                    "This file is not a real .%(extension)s file: its content does not match "
                    "its name. Save it again in that format, or upload it with the right name."
                ),
                code="content_mismatch",
                params={"extension": extension},
            )
        return file
