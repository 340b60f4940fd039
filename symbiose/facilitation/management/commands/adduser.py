"""``symbiose adduser EMAIL --password P --role ROLE [--org REF] [--hub SLUG]``: for operators
and tests. Roles: member, company-admin, hub-facilitator, system-facilitator, admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from symbiose.registry.actions import do_add_member, do_create_user
from symbiose.registry.models import Organisation

ROLES = ("member", "company-admin", "hub-facilitator", "system-facilitator", "admin")


class Command(BaseCommand):
    help = "Create a user (or give an existing one a role)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--password", help="leave out to let the user choose one by reset")
        parser.add_argument("--role", choices=ROLES, default="member")
        parser.add_argument("--org", help="organisation reference (member, company-admin)")
        parser.add_argument("--hub", help="hub slug (hub-facilitator, system-facilitator)")

    @transaction.atomic
    def handle(self, *args, email: str, password: str | None, role: str, org: str | None,
               hub: str | None, **options) -> None:  # fmt: skip
        organisation = hub_obj = None
        if role in ("member", "company-admin"):
            if not org:
                raise CommandError("--org REF is required for role " + role)
            organisation = Organisation.objects.filter(ref=org).first()
            if organisation is None:
                raise CommandError(f"no organisation with reference {org}")
        if role in ("hub-facilitator", "system-facilitator"):
            from symbiose.facilitation.models import Hub

            if not hub:
                raise CommandError("--hub SLUG is required for role " + role)
            hub_obj = Hub.objects.filter(slug=hub).first()
            if hub_obj is None:
                raise CommandError(f"no hub with slug {hub}")
        email = email.strip().lower()
        user = get_user_model().objects.filter(username=email).first()
        if user is None:
            user = do_create_user(email, password, acting_user=None, is_superuser=role == "admin")
        elif role == "admin" and not user.is_superuser:
            raise CommandError(f"{email} exists; make them an admin in /admin/")
        if organisation is not None:
            do_add_member(organisation, user, acting_user=None,
                          role="admin" if role == "company-admin" else "member")  # fmt: skip
        if hub_obj is not None:
            from symbiose.facilitation.actions import do_add_facilitator

            do_add_facilitator(hub_obj, user, acting_user=None,
                               system=role == "system-facilitator")  # fmt: skip
        self.stdout.write(f"{email}: {role}")
