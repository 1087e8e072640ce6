"""The permission part of every search: who may see which documents."""

AUTHENTICATED = "__authenticated__"


def allowed_groups(user):
    """None when ``user`` sees everything, else the group names that admit them.

    A restricted document lists the groups that may read it (and
    ``AUTHENTICATED`` for a login-only restriction); anonymous visitors get
    only unrestricted documents.
    """
    if user is not None and user.is_superuser:
        return None
    if user is None or not user.is_authenticated:
        return ()
    return (*user.groups.values_list("name", flat=True), AUTHENTICATED)
