"""The one fixture world every test shares, built through the real actions.

Roles: ``owner`` and ``colleague`` (members of Fjordmetall AS in the Testpark hub),
``outsider`` (member of Outsider AS, a verified organisation in no hub), ``facilitator``
(Testpark's hub facilitator), ``other_facilitator`` (facilitates another hub),
``system_facilitator`` (oversees Testpark), ``admin`` (platform admin), ``self_registered``
(signed up and created an organisation: not verified), ``pending_member`` (company admin of
Ventende AS, invited to Testpark but not yet accepted) and ``anonymous``.

:func:`add_hidden_organisation` (fixture ``hidden_world``) adds an organisation whose streams
all hide its identity, with ``hidden_owner`` as its company admin; it is a member of the other
hub, so ``other_facilitator`` is one of its insiders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser

from symbiose.facilitation.actions import (
    check_invite_organisation,
    do_add_facilitator,
    do_add_hub_members,
    do_save_hub,
)
from symbiose.registry.actions import (
    check_save_organisation,
    check_save_stream,
    do_add_member,
    do_create_user,
    do_verify_organisation,
)
from symbiose.web.actions import check_create_organisation

PASSWORD = "Symbiose-test-2026!"


@dataclass
class World:
    owner: Any
    colleague: Any
    outsider: Any
    facilitator: Any
    other_facilitator: Any
    system_facilitator: Any
    admin: Any
    anonymous: Any
    org: Any
    outsider_org: Any
    hub: Any
    other_hub: Any
    secret_stream: Any
    public_stream: Any
    hidden_stream: Any
    self_registered: Any = None
    pending_member: Any = None
    self_registered_org: Any = None
    pending_org: Any = None
    # Added by add_hidden_organisation():
    hidden_owner: Any = None
    hidden_org: Any = None
    hidden_offer: Any = None
    hidden_need: Any = None

    def role(self, name: str) -> Any:
        return getattr(self, name)


ROLES = (
    "owner",
    "colleague",
    "outsider",
    "facilitator",
    "other_facilitator",
    "system_facilitator",
    "admin",
    "self_registered",
    "pending_member",
    "anonymous",
)
#: Roles that see every field of Fjordmetall's streams.
INSIDERS = ("owner", "colleague", "facilitator", "system_facilitator", "admin")

#: Distinctive values marked sensitive on ``secret_stream``: none may leak to outsiders.
SECRET = {
    "quantity": "7373.25",
    "description": "Confidential recipe Fjordmetall-XYZ-991",
    "price": "-4321.5",
    "composition": "Mn 31.7 percent, secret grade QQ-17",
}


def make_world() -> World:
    users = {
        name: do_create_user(
            f"{name}@example.no", PASSWORD, acting_user=None, is_superuser=(name == "admin")
        )
        for name in ROLES
        if name != "anonymous"
    }
    org, _ = check_save_organisation(
        {
            "ref": "ORG-FJORD",
            "name": "Fjordmetall AS",
            "org_number": "923609016",
            "nace": "24.10",
            "municipality": "Kristiansand",
            "lat": "58.1467",
            "lon": "7.9956",
        },
        acting_user=None,
    )
    outsider_org, _ = check_save_organisation(
        {
            "ref": "ORG-OUT",
            "name": "Outsider AS",
            "org_number": "923456783",
            "nace": "23.61",
            "municipality": "Bergen",
            "lat": "60.39",
            "lon": "5.32",
        },
        acting_user=None,
    )
    do_add_member(org, users["owner"], acting_user=None, role="admin")
    do_add_member(org, users["colleague"], acting_user=None)
    do_add_member(outsider_org, users["outsider"], acting_user=None)
    do_verify_organisation(outsider_org, acting_user=None)  # approved by a platform admin
    self_registered_org = check_create_organisation(
        {"name": "Nyregistrert AS", "municipality": "Bergen"}, acting_user=users["self_registered"]
    )
    pending_org, _ = check_save_organisation(
        {"ref": "ORG-PENDING", "name": "Ventende AS", "org_number": "934567897",
         "municipality": "Kristiansand"},
        acting_user=None,
    )  # fmt: skip
    do_add_member(pending_org, users["pending_member"], acting_user=None, role="admin")
    hub, _ = do_save_hub({"slug": "testpark", "name": "Testpark"}, acting_user=None)
    other_hub, _ = do_save_hub({"slug": "annenpark", "name": "Annen park"}, acting_user=None)
    do_add_hub_members(hub, [org], acting_user=None)
    do_add_facilitator(hub, users["facilitator"], acting_user=None)
    do_add_facilitator(other_hub, users["other_facilitator"], acting_user=None)
    do_add_facilitator(hub, users["system_facilitator"], acting_user=None, system=True)
    check_invite_organisation(hub, pending_org, acting_user=users["facilitator"])
    secret, _ = check_save_stream(
        {
            "ref": "S-FJORD-SLAG",
            "organisation_ref": "ORG-FJORD",
            "direction": "offer",
            "category": "material",
            "title": "Manganese slag",
            "description": SECRET["description"],
            "composition": SECRET["composition"],
            "ewc_code": "10 02 02",
            "quantity": SECRET["quantity"],
            "unit": "t",
            "period": "year",
            "price_nok_per_unit": SECRET["price"],
            "visibility": "public",
            "sensitive_fields": "quantity;description;price;composition;location",
            "crm": "",
            "legal_status": "by-product",
            "lat": "58.0771",
            "lon": "7.8123",
        },
        acting_user=None,
    )
    public, _ = check_save_stream(
        {
            "ref": "S-FJORD-HEAT",
            "organisation_ref": "ORG-FJORD",
            "direction": "offer",
            "category": "heat",
            "title": "Surplus heat from furnace cooling",
            "quantity": "40",
            "unit": "GWh",
            "period": "year",
            "temperature_c": "85",
            "visibility": "public",
        },
        acting_user=None,
    )
    hidden, _ = check_save_stream(
        {
            "ref": "S-FJORD-DUST",
            "organisation_ref": "ORG-FJORD",
            "direction": "offer",
            "category": "material",
            "title": "Filter dust for facilitators only",
            "visibility": "facilitator",
        },
        acting_user=None,
    )
    return World(
        **users,
        anonymous=AnonymousUser(),
        org=org,
        outsider_org=outsider_org,
        hub=hub,
        other_hub=other_hub,
        secret_stream=secret,
        public_stream=public,
        hidden_stream=hidden,
        self_registered_org=self_registered_org,
        pending_org=pending_org,
    )


#: The organisation whose streams all hide its identity: none of these may reach a viewer who
#: is not one of its insiders or a counterpart who accepted (or was accepted in) a request.
HIDDEN = {
    "name": "Nordvik Hemmelig Kvartsverk AS",
    "ref": "ORG-QZX-4471",
    "org_number": "987654309",
}
#: Roles (with ``hidden_owner``) that see who owns the hidden organisation's streams.
HIDDEN_INSIDERS = ("hidden_owner", "other_facilitator", "admin")


def add_hidden_organisation(world: World) -> World:
    """Add the identity-hidden organisation, its company admin and two of its streams.

    ``S-QZ-OFFER`` (public, identity hidden, location shown: "an organisation in Sauda") matches
    a need for manganese slag; ``S-QZ-NEED`` (members, identity and location hidden: "an
    organisation") matches Fjordmetall's slag.
    """
    user = do_create_user("hidden.owner@example.no", PASSWORD, acting_user=None)
    org, _ = check_save_organisation(
        {**HIDDEN, "nace": "24.10", "municipality": "Sauda", "lat": "59.6491", "lon": "6.3541"},
        acting_user=None,
    )
    do_add_member(org, user, acting_user=None, role="admin")
    do_add_hub_members(world.other_hub, [org], acting_user=None)
    common = {"organisation_ref": HIDDEN["ref"], "category": "material", "ewc_code": "10 02 02"}
    offer, _ = check_save_stream(
        {**common, "ref": "S-QZ-OFFER", "direction": "offer", "visibility": "public",
         "title": "Manganese slag from ferroalloy furnaces", "sensitive_fields": "identity"},
        acting_user=None,
    )  # fmt: skip
    need, _ = check_save_stream(
        {**common, "ref": "S-QZ-NEED", "direction": "need", "visibility": "members",
         "title": "Manganese slag for remelting", "sensitive_fields": "identity;location"},
        acting_user=None,
    )  # fmt: skip
    world.hidden_owner, world.hidden_org = user, org
    world.hidden_offer, world.hidden_need = offer, need
    return world


def save_public_pair(offer: tuple[str, str], need: tuple[str, str], **fields: str) -> None:
    """Save a public offer of the owner's organisation (ORG-FJORD) and a public need of the
    outsider's (ORG-OUT), each given as (ref, title), with the same ``fields`` (category,
    unit, quantity, code …): the pair a value or matches page test looks at."""
    for (ref, title), org, direction in ((offer, "ORG-FJORD", "offer"), (need, "ORG-OUT", "need")):
        check_save_stream({"period": "year", "visibility": "public", **fields, "ref": ref,
                           "title": title, "organisation_ref": org, "direction": direction},
                          acting_user=None)  # fmt: skip
