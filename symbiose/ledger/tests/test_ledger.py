"""The ledger: an exchange opens once, entries are appended and audited."""

from __future__ import annotations

from symbiose.facilitation.actions import do_create_opportunity
from symbiose.ledger.actions import do_add_entry, do_open_exchange
from symbiose.registry.models import AuditEvent


def test_an_exchange_opens_once_per_opportunity(world):
    opp = do_create_opportunity(world.hub, {"title": "Heat"}, acting_user=world.facilitator)
    first = do_open_exchange(opp, acting_user=world.facilitator)
    assert do_open_exchange(opp, acting_user=world.facilitator) == first
    assert first.hub == world.hub and first.title == "Heat"


def test_entries_are_appended_and_audited_on_the_opportunity(world):
    opp = do_create_opportunity(world.hub, {"title": "Heat"}, acting_user=world.facilitator)
    exchange = do_open_exchange(opp, acting_user=world.facilitator)
    do_add_entry(exchange, year=2026, quantity=12.5, unit="GWh", acting_user=world.facilitator)
    do_add_entry(exchange, year=2026, quantity=13.0, unit="GWh", note="corrected",
                 acting_user=world.facilitator)  # fmt: skip
    assert exchange.entries.count() == 2
    assert AuditEvent.objects.filter(object_ref=opp.ref, verb="exchange-entry").count() == 2


def test_recording_quantities_before_production_is_refused_with_a_reason(client, world):
    opp = do_create_opportunity(world.hub, {"title": "Heat"}, acting_user=world.facilitator)
    client.force_login(world.facilitator)
    response = client.post(
        f"/hub/o/{opp.ref}/entry/",
        {"year": "2026", "quantity": "5", "unit": "t"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Quantities are recorded once production has started." in response.content.decode()


def test_the_demo_records_last_years_quantity_once_on_each_new_exchange(world):
    import datetime

    from symbiose.ledger import demo
    from symbiose.registry.models import Stream

    heat = Stream.objects.get(ref="S-FJORD-HEAT")
    opp = do_create_opportunity(world.hub, {"title": "Heat"}, streams=[heat],
                                acting_user=world.facilitator)  # fmt: skip
    exchange = do_open_exchange(opp, acting_user=world.facilitator)
    assert demo.load([exchange]) == 1 and demo.load([exchange]) == 0
    entry = exchange.entries.get()
    assert entry.year == datetime.date.today().year - 1
    assert (entry.quantity, entry.unit) == (1.0, "t")  # no need among its streams
