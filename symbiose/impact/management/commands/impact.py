"""``symbiose impact --offer REF --need REF``: what an exchange is worth, with its breakdown."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from symbiose.impact.adapter import ELECTRICITY_BASES, assess_pair
from symbiose.impact.calc.errors import ImpactInputError
from symbiose.registry.models import Stream


class Command(BaseCommand):
    help = "Compute CO2e, money and resources for an offer -> need pair."

    def add_arguments(self, parser):
        parser.add_argument("--offer", required=True)
        parser.add_argument("--need", required=True)
        parser.add_argument("--format", choices=["json", "table"], default="table")
        parser.add_argument("--basis", choices=ELECTRICITY_BASES, default="NO",
                            help="electricity emission basis")  # fmt: skip
        parser.add_argument("--distance-km", type=float, default=None)

    def handle(self, *args, offer, need, format, basis, distance_km, **options):
        streams = {s.ref: s for s in Stream.objects.filter(ref__in=[offer, need])}
        for ref, direction in ((offer, "offer"), (need, "need")):
            if ref not in streams or streams[ref].direction != direction:
                raise CommandError(_("No %(direction)s with reference %(ref)s")
                                   % {"direction": _(direction), "ref": ref})  # fmt: skip
        overrides = {"electricity_basis": basis}
        if distance_km is not None:
            overrides["distance_km"] = distance_km
        try:
            pair = assess_pair(streams[offer], streams[need], **overrides)
        except ImpactInputError as err:
            raise CommandError(f"{err.field}: {_(err.template).format(**err.params)}") from None
        data = pair.to_dict()
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1, default=str))
            return
        co2, money = data["co2e_t_per_yr"], data["annual_net_benefit_nok"]
        once = data["one_off"]  # a one-off lot: its figures hold once, never per year
        self.stdout.write(
            (_("CO2e avoided once: %(c)s t (range %(l)s to %(h)s)") if once else
             _("CO2e avoided: %(c)s t/yr (range %(l)s to %(h)s)"))
            % {"c": _n(co2["central"]), "l": _n(co2["low"]), "h": _n(co2["high"])}
        )  # fmt: skip
        self.stdout.write(
            (_("Net benefit once: %(c)s NOK (range %(l)s to %(h)s)") if once else
             _("Net benefit: %(c)s NOK/yr (range %(l)s to %(h)s)"))
            % {"c": _n(money["central"]), "l": _n(money["low"]), "h": _n(money["high"])}
        )  # fmt: skip
        for line in data["lines"]:
            self.stdout.write(f"  {line['label']}: {_n(line['value'])} {line['unit']}")
        for note in data["notes"]:
            self.stdout.write(f"! {note['text']}")


def _n(value) -> str:
    return "-" if value is None else f"{value:,.1f}".replace(",", " ")
