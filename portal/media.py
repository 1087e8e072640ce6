"""Uploaded images under DEBUG, and never anything else from MEDIA_ROOT.

Documents live in ``MEDIA_ROOT/documents/`` under guessable names; they must
only ever be served by Wagtail's document view, which checks the collection's
view restrictions. The development server therefore serves the image folders
alone (originals and renditions), which Wagtail does not access-control.
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Wagtail's upload folders for original images and for renditions.
IMAGE_FOLDERS = ("original_images", "images")


def serve_image(request, path):
    """``django.views.static.serve`` for files inside the image folders only."""
    # The same normalisation serve() applies, so "images/../documents/x.pdf"
    # is judged by where it really leads.
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.split("/", 1)[0] not in IMAGE_FOLDERS or "\\" in normalised:
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
