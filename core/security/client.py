"""Who is asking: the client's address, the same for login throttling and rate limits."""

import ipaddress

from django.conf import settings


def _parse(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address as a string, or None when there is none to read.

    ``REMOTE_ADDR`` unless ``PORTAL_CLIENT_IP_HEADER`` names the header a
    trusted reverse proxy sets. In a comma-separated list such as
    X-Forwarded-For only the entries the proxies appended can be trusted: the
    one ``PORTAL_CLIENT_IP_PROXY_COUNT`` places from the right is the address
    the outermost proxy saw. Anything unreadable falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = settings.PORTAL_CLIENT_IP_HEADER
    if header:
        raw = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        entries = [entry for entry in raw.split(",") if entry.strip()]
        count = max(1, settings.PORTAL_CLIENT_IP_PROXY_COUNT)
        if len(entries) >= count:
            address = _parse(entries[-count])
            if address is not None:
                return str(address)
    address = _parse(remote)
    # None, as django-axes stores it: "unknown" would not fit an IP column.
    return str(address) if address is not None else None


def client_key(request):
    """The address a limit counts: IPv6 clients by their /64, as one host usually holds it."""
    address = _parse(client_ip(request) or "")
    if address is None:
        return "unknown"
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def axes_username(request, credentials=None):
    """The username django-axes records, cut to the 255 characters its column holds.

    Django's login form limits the username only in the HTML, so a longer one
    posted directly reached axes and, on PostgreSQL, failed with a 500.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials and credentials.get(field) is not None:
        username = credentials[field]
    else:
        username = request.POST.get(field, "") if request is not None else ""
    return str(username)[:255]
