"""``symbiose demo``: load the demo region (organisations, streams, hubs), demo facilitation
work and ledger entries, and demo logins. In ``web``, the top layer, since it touches them all."""

from __future__ import annotations

import csv
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from symbiose.facilitation.actions import do_add_facilitator, do_add_hub_members, do_save_hub
from symbiose.registry.actions import do_add_member, do_create_user, do_remove_member
from symbiose.registry.importers.listing import apply_import, plan_import
from symbiose.registry.importers.sources import read_paths
from symbiose.registry.management.commands._common import translate
from symbiose.registry.models import Organisation

DEMO_DIR = Path(__file__).resolve().parents[3] / "registry" / "demo"
DEMO_PASSWORD = "symbiose-demo"
#: (e-mail, role, what it is for)
DEMO_USERS = (
    ("bedrift@demo.symbiose.no", "member", gettext_lazy("company member")),
    ("fasilitator@demo.symbiose.no", "hub-facilitator", gettext_lazy("hub facilitator")),
    ("region@demo.symbiose.no", "system-facilitator", gettext_lazy("system facilitator")),
    ("admin@demo.symbiose.no", "admin", gettext_lazy("platform admin")),
)


class Command(BaseCommand):
    help = "Load the demo region and create demo logins (safe to run again)."

    def handle(self, *args, **options):
        plan = plan_import(read_paths([DEMO_DIR]))
        if not plan.ok:
            for problem in plan.problems:
                self.stderr.write(problem.render(translate))
            raise CommandError(_("The demo dataset has problems; nothing was loaded."))
        apply_import(plan, acting_user=None, data_source="imported")
        hubs = self._hubs()
        from symbiose.facilitation import demo as facilitation_demo
        from symbiose.ledger import demo as ledger_demo
        from symbiose.ledger.models import Exchange
        from symbiose.matching.actions import do_recompute_all
        from symbiose.resources import demo as resources_demo

        resources_demo.load()  # fictional: composition, deposits, an institute
        for hub in hubs:
            if hub.slug == resources_demo.HUB:
                members = Organisation.objects.filter(ref__in=resources_demo.organisation_refs())
                do_add_hub_members(hub, list(members), acting_user=None)
        self._users(hubs)  # after the fictional organisations: the company login joins one
        do_recompute_all()
        opened = list(Exchange.objects.values_list("id", flat=True))
        from symbiose.regional import demo as regional_demo

        facilitation_demo.load(hubs)
        regional_demo.load(hubs)  # the implemented opportunities, on fictional organisations
        ledger_demo.load(Exchange.objects.exclude(id__in=opened))
        from symbiose.search import demo as search_demo

        watched = search_demo.load()
        self.stdout.write(
            _("Demo region loaded: %(orgs)d organisations, %(streams)d streams, %(hubs)d hubs.")
            % {
                "orgs": plan.count("organisations", "create")
                + plan.count("organisations", "update")
                + plan.count("organisations", "unchanged"),
                "streams": sum(1 for r in plan.rows if r.sheet == "streams"),
                "hubs": len(hubs),
            }
        )
        self.stdout.write(_("Demo logins (password: %(password)s):") % {"password": DEMO_PASSWORD})
        for email, _role, label in DEMO_USERS:
            self.stdout.write(f"  {email:34} {label}")
        if watched:
            self.stdout.write(search_demo.message(watched))

    def _hubs(self) -> list:
        path = DEMO_DIR / "hubs.csv"
        hubs = []
        if not path.exists():
            return hubs
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                hub, _ = do_save_hub(
                    {
                        "slug": row["slug"],
                        "name": row["name"],
                        "kind": row.get("kind") or "park",
                        "description": row.get("description", ""),
                        "center_lat": float(row["center_lat"]) if row.get("center_lat") else None,
                        "center_lon": float(row["center_lon"]) if row.get("center_lon") else None,
                        "radius_km": float(row["radius_km"]) if row.get("radius_km") else None,
                    },
                    acting_user=None,
                )
                refs = [r.strip() for r in row.get("member_refs", "").split(";") if r.strip()]
                do_add_hub_members(
                    hub, list(Organisation.objects.filter(ref__in=refs)), acting_user=None
                )
                hubs.append(hub)
        return hubs

    def _users(self, hubs: list) -> None:
        """Create the demo logins. The company login administers a fictional organisation
        (``resources.demo.COMPANY_LOGIN_ORG``) and no other: membership of a real company
        left by an older demo is ended, so the demo never makes a real company's account act."""
        from symbiose.resources.demo import COMPANY_LOGIN_ORG

        users = get_user_model().objects
        for email, role, _label in DEMO_USERS:
            user = users.filter(email=email).first() or do_create_user(
                email, DEMO_PASSWORD, acting_user=None, is_superuser=(role == "admin")
            )
            if role == "member":
                for org in Organisation.objects.filter(membership__user=user).exclude(
                    ref=COMPANY_LOGIN_ORG
                ):
                    do_remove_member(org, user, acting_user=None)
                fictional = Organisation.objects.filter(ref=COMPANY_LOGIN_ORG).first()
                if fictional:
                    do_add_member(fictional, user, acting_user=None, role="admin")
            elif role == "hub-facilitator" and hubs:
                do_add_facilitator(hubs[0], user, acting_user=None)
            elif role == "system-facilitator":
                for hub in hubs:
                    do_add_facilitator(hub, user, acting_user=None, system=True)
