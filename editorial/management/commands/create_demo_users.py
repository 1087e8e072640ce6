"""Create one demo account per role, with published passwords: local use only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from editorial.models import Partner
from editorial.roles import EDITORS, MODERATORS, PROFESSIONALS

# username, password, groups, partner key, superuser. The passwords are in
# README.md and docs/EDITORS.md: these accounts must never exist on a server.
DEMO_USERS = [
    ("demo-admin", "demo-admin-pass", [], None, True),
    ("demo-moderator", "demo-moderator-pass", [MODERATORS], None, False),
    ("demo-editor-police", "demo-editor-pass", [EDITORS], "polisen-stockholm", False),
    ("demo-editor-shelter", "demo-editor-pass", [EDITORS], "unga-kvinnors-varn", False),
    ("demo-professional", "demo-professional-pass", [PROFESSIONALS], None, False),
    # Translates every partner's pages into Italian, through moderation.
    ("demo-translator-it", "demo-translator-pass", ["Translators: it"], None, False),
]


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo accounts, one per role, with the passwords documented "
        "in README.md. Refuses unless DEBUG is on: for a local demo only."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create demo accounts: DEBUG is off. Their passwords are public; "
                "they are for a local demo only."
            )
        with transaction.atomic():
            for username, password, groups, partner_key, superuser in DEMO_USERS:
                self._create(username, password, groups, partner_key, superuser)

    def _create(self, username, password, group_names, partner_key, superuser):
        groups = list(Group.objects.filter(name__in=group_names))
        if len(groups) != len(group_names):
            raise CommandError(f"Missing group(s) {group_names}: run `manage.py migrate` first.")
        role = ", ".join(group_names) or "administrator"
        if partner_key:
            partner = Partner.objects.filter(key=partner_key).first()
            if partner is None:
                raise CommandError(
                    f"No partner {partner_key!r}: import the demo bundle first (make demo)."
                )
            groups.append(partner.group)
            role = f"{role} of {partner.name}"
        user, _created = get_user_model().objects.get_or_create(username=username)
        user.email = f"{username}@example.se"
        user.is_superuser = user.is_staff = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set(groups)
        self.stdout.write(f"{username} / {password}: {role}")
