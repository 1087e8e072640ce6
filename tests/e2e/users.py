"""Create the people of the browser journeys in the e2e database.

Run by ``server.py`` in a subprocess with the server's environment:
``python -m tests.e2e.users``, accounts in ``E2E_PEOPLE`` (JSON).

The editor works for a partner organisation (docs/EDITORS.md): besides
``Editors`` they are in the editors' group of the partner that owns the
routines ``test_workflow.py`` translates.
"""

import json
import os

import django

# Both owned by the same partner in the demo bundle (Socialtjänsten, Stockholms stad).
EDITED_ROUTINES = ("rutin-ensamkommande-barn-hvb", "rutin-atervandande-och-aterintegrering")
GROUPS = {
    "professional": ["Professionals"],
    "editor": ["Editors"],
    "moderator": ["Moderators"],
    "translator": ["Translators: it"],
}
NAMES = {
    "professional": ("Petra", "Professionell"),
    "editor": ("Erik", "Redaktör"),
    "moderator": ("Maria", "Moderator"),
    "translator": ("Tina", "Traduttrice"),
}


def _owners_groups():
    from resources.models import RoutinePage

    routines = RoutinePage.objects.filter(key__in=EDITED_ROUTINES).select_related("partner__group")
    groups = {routine.partner.group.name for routine in routines if routine.partner}
    if len(routines) != len(EDITED_ROUTINES) or len(groups) != 1:
        raise SystemExit(f"the routines {EDITED_ROUTINES} must exist and have one owner")
    return sorted(groups)


def main():
    django.setup()
    from tests.factories import UserFactory

    groups = dict(GROUPS, editor=[*GROUPS["editor"], *_owners_groups()])
    for role, account in json.loads(os.environ["E2E_PEOPLE"]).items():
        first_name, last_name = NAMES[role]
        user = UserFactory(
            username=account["username"],
            password=account["password"],
            first_name=first_name,
            last_name=last_name,
            groups=groups[role],
        )
        missing = set(groups[role]) - set(user.groups.values_list("name", flat=True))
        if missing:
            raise SystemExit(f"no group {', '.join(sorted(missing))} in the e2e database")


if __name__ == "__main__":
    main()
