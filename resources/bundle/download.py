"""The admin's "Download export" for one partner: the same bundle as ``export_bundle``, zipped."""

import tempfile
import zipfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from core.access import can_see_restricted
from editorial.models import Partner
from editorial.permissions import manages_all_partners

from .exporter import BundleExporter


def partner_exports_view(request):
    """The admin page listing every partner with its export's download links."""
    if not manages_all_partners(request.user):
        raise PermissionDenied
    context = {
        "partners": Partner.objects.order_by("name"),
        "with_restricted": can_see_restricted(request.user),
    }
    return render(request, "resources/admin/partner_exports.html", context)


def export_partner_view(request, key):
    """A zip of the partner's items; ``?restricted=1`` adds restricted ones, for readers."""
    if not manages_all_partners(request.user):
        raise PermissionDenied
    partner = get_object_or_404(Partner, key=key)
    include_restricted = request.GET.get("restricted") == "1"
    if include_restricted and not can_see_restricted(request.user):
        raise PermissionDenied
    # Spooled: small exports stay in memory, large ones go to disk, never both whole.
    archive = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    with tempfile.TemporaryDirectory() as folder:
        BundleExporter(partner=partner, include_restricted=include_restricted).write(folder)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in sorted(Path(folder).rglob("*")):
                if path.is_file():
                    zipped.write(path, path.relative_to(folder).as_posix())
    archive.seek(0)
    name = f"{partner.key}-{timezone.localdate().isoformat()}.zip"
    return FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
