"""Remove a user's two-step verification device, e.g. after a lost phone."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.security.two_factor import is_required_for


class Command(BaseCommand):
    help = "Remove USERNAME's authenticator device; they set up a new one at the next admin login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        removed, _details = TOTPDevice.objects.filter(user=user).delete()
        if not removed:
            self.stdout.write(f"{username} has no two-step verification device.")
            return
        then = (
            "must set up a new one at the next admin login"
            if is_required_for(user)
            else "logs in with the password alone until they set up a new one"
        )
        self.stdout.write(f"Removed {username}'s two-step verification device; {then}.")
