"""The portal's roles, as Wagtail groups, and its approval workflow.

``editorial/migrations/0002_roles_and_workflow.py`` creates them on every
database; per-partner editor groups come with their :class:`Partner`, and the
translators' groups (one per language, ``editorial.translators``) with
migration 0005 and ``setup_portal``.
"""

from django.contrib.auth.models import Group
from wagtail.models import Page, WorkflowPage

from .translators import TRANSLATOR_GROUP_PREFIX

EDITORS = "Editors"  # edit and submit pages of their partner (plus a partner group)
MODERATORS = "Moderators"  # approve or reject, publish, edit every partner's pages
PROFESSIONALS = "Professionals"  # read restricted material on the site
ROLES = (EDITORS, MODERATORS, PROFESSIONALS)
WORKFLOW = "Moderators approval"


def summary():
    """One line per role and the workflow, for ``setup_portal``'s output."""
    lines = []
    counts = {group.name: group.user_set.count() for group in Group.objects.filter(name__in=ROLES)}
    for name in ROLES:
        state = f"{counts[name]} member(s)" if name in counts else "MISSING"
        lines.append(f"Group {name}: {state}")
    for group in Group.objects.filter(name__startswith=TRANSLATOR_GROUP_PREFIX).order_by("name"):
        lines.append(f"Group {group.name}: {group.user_set.count()} member(s)")
    root = Page.get_first_root_node()
    link = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    lines.append(f"Workflow on all pages: {link.workflow.name if link else 'MISSING'}")
    return lines
