"""python manage.py create_roles [--user NAME --role editor|chief|reviewer ...]

Creates (or refreshes) the editorial groups, 编辑, 主编 and 复审 (the second review of the editorial
workflow), with their permissions; with ``--user`` also creates or updates a staff account in the given
ones (``--role`` may be repeated: ``--role editor --role reviewer``). The password is asked for, or read
from ``--password-env VAR`` for scripts.
"""
import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from yearbook import permissions


class Command(BaseCommand):
    help = ("Create the editor (编辑), chief-editor (主编) and second-reviewer (复审) groups; optionally put a "
            "user in some of them.")

    def add_arguments(self, parser):
        parser.add_argument("--user", help="create or update this staff account")
        parser.add_argument("--role", action="append", choices=sorted(permissions.ROLES),
                            help="editor (编辑), chief (主编) or reviewer (复审); repeat for several")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-env", metavar="VAR",
                            help="read the password from this environment variable instead of asking")

    def handle(self, *args, user=None, role=None, email="", password_env=None, verbosity=1, **options):
        for key, name in permissions.ROLES.items():
            group, created = Group.objects.get_or_create(name=name)
            perms = list(permissions.role_permissions(key))
            group.permissions.set(perms)
            if verbosity:
                self.stdout.write(f"{'created' if created else 'updated'} group {name} ({key}): "
                                  f"{len(perms)} permissions")
        if not user:
            if role:
                raise CommandError("--role needs --user")
            return
        if not role:
            raise CommandError("--user needs --role editor, chief or reviewer")
        roles = [role] if isinstance(role, str) else list(dict.fromkeys(role))
        User = get_user_model()
        account = User.objects.filter(username=user).first()
        created = account is None
        if created:
            account = User(username=user, email=email)
        if created or password_env:
            # checked before anything is saved: a refused password leaves no account behind
            password = os.environ.get(password_env, "") if password_env else self.ask_password()
            if not password:
                raise CommandError(f"no password (set {password_env})" if password_env else "no password")
            try:
                validate_password(password, account)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
            account.set_password(password)
        account.is_staff = True
        account.is_active = True
        if email:
            account.email = email
        account.save()
        groups = [Group.objects.get(name=name) for name in permissions.ROLES.values()]
        account.groups.remove(*groups)
        names = [permissions.ROLES[r] for r in roles]
        account.groups.add(*Group.objects.filter(name__in=names))
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"{'created' if created else 'updated'} {user}: staff, group {', '.join(names)}"))

    def ask_password(self):
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("the two passwords differ")
        return first
