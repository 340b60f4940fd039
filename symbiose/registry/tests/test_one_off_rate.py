"""A power (kW, MW) is a rate: stated "once" it would be read as a year's energy, so it is
refused at the unit with a message in nb and en, and nothing is saved."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from symbiose.registry.actions import ValidationFailed, check_save_stream
from symbiose.registry.models import Stream

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "MW is a rate, not an amount: give a one-off lot in MWh or kWh"),
     ("nb", "MW er en effekt, ikke en mengde: oppgi et engangsparti i MWh eller kWh")],
)  # fmt: skip
def test_a_one_off_power_is_refused_at_its_unit(world, lang, expected):
    values = {"ref": "S-FJORD-BURST", "organisation_ref": "ORG-FJORD", "direction": "offer",
              "category": "heat", "title": "Heat for one winter", "quantity": "3",
              "unit": "MW", "period": "once", "visibility": "public"}  # fmt: skip
    with pytest.raises(ValidationFailed) as failed:
        check_save_stream(values, acting_user=None)
    (error,) = [e for e in failed.value.errors if e.field == "unit"]
    with translation.override(lang):
        assert gettext(error.template).format(**error.params) == expected
    assert not Stream.objects.filter(ref="S-FJORD-BURST").exists()
    saved, _ = check_save_stream({**values, "unit": "MWh"}, acting_user=None)
    assert (saved.period, saved.annual_quantity) == ("once", 3.0)
