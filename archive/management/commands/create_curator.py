"""Create a curator: staff, in the Curators group, never a superuser. Asks for the password."""

import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.services.curators import CURATORS_GROUP


class Command(BaseCommand):
    help = "Create a curator account (asks for a password; there are no default passwords)."

    def add_arguments(self, parser):
        parser.add_argument("--username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username=None, email="", **options):
        User = get_user_model()
        username = username or input("Curator's username: ").strip()
        if not username:
            raise CommandError("A username is needed.")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already an account called {username!r}.")
        user = User(username=username, email=email, is_staff=True)
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            break
        else:
            raise CommandError("No acceptable password given; no account was created.")
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=CURATORS_GROUP))
        self.stdout.write(self.style.SUCCESS(f"Curator {username!r} created. Log in at /admin/."))
