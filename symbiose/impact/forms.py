"""The business-case simulator: change an assumption and see what the exchange is worth."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from symbiose.impact.adapter import ELECTRICITY_BASES
from symbiose.impact.calc.co2 import FUELS, TRANSPORT_MODES
from symbiose.impact.calc.money import DEPRECIATION_PRESETS
from symbiose.inputs import CleanTextForm

BASIS_LABELS = {"NO": _("Norwegian production mix"), "NORDIC": _("Nordic mix"),
                "EU": _("EU average")}  # fmt: skip
DEPRECIATION_LABELS = {
    "db20": _("declining balance, 20 per cent"),
    "db30": _("declining balance, 30 per cent"),
    "db40": _("declining balance, 40 per cent"),
    "straight_line": _("straight line"),
    "none": _("no depreciation"),
}

TRANSPORT_LABELS = {"truck": _("truck"), "ship": _("ship"), "rail": _("rail")}
FUEL_LABELS = {
    "electricity": _("electricity"), "natural_gas": _("natural gas"), "fuel_oil": _("fuel oil"),
    "heavy_fuel_oil": _("heavy fuel oil"), "lpg": _("LPG"), "wood_pellets": _("wood pellets"),
    "wood_chips": _("wood chips"), "district_heat": _("district heating"),
}  # fmt: skip


def _num(label: str, help_text: str = "", **kwargs: Any) -> forms.FloatField:
    return forms.FloatField(label=label, required=False, help_text=help_text,
                            localize=True, **kwargs)  # fmt: skip


class ScenarioForm(CleanTextForm):
    """Optional overrides of the defaults; empty means "use the typical value"."""

    electricity_basis = forms.ChoiceField(
        label=_("Electricity emission basis"), initial="NO",
        choices=[(b, BASIS_LABELS[b]) for b in ELECTRICITY_BASES],
        help_text=_("In Norway electricity is mostly hydropower: replacing it saves little CO2."),
    )  # fmt: skip
    distance_km = _num(_("Distance (km)"), min_value=0, max_value=20_000)
    transport_mode = forms.ChoiceField(
        label=_("Transport"), required=False,
        choices=[("", _("default (truck)"))]
        + [(m, TRANSPORT_LABELS.get(m, m)) for m in TRANSPORT_MODES],
    )  # fmt: skip
    resource_price_nok_per_unit = _num(_("Price of the resource (NOK per unit)"), min_value=0,
                                       max_value=1e9)  # fmt: skip
    disposal_cost_nok_per_t = _num(_("Disposal cost avoided (NOK per tonne)"), min_value=0,
                                   max_value=1e9)  # fmt: skip
    heat_replaced_fuel = forms.ChoiceField(
        label=_("Heat replaces"), required=False,
        choices=[("", _("default (electricity)"))] + [(f, FUEL_LABELS.get(f, f)) for f in FUELS],
    )  # fmt: skip
    current_heat_cost_nok_per_mwh = _num(_("Receiver's current heating cost (NOK/MWh)"),
                                         min_value=0, max_value=1e9)  # fmt: skip
    capex_nok = _num(_("Investment (NOK)"), min_value=0, max_value=1e13)
    opex_nok_per_yr = _num(_("Operating cost (NOK per year)"), min_value=0, max_value=1e13)
    discount_rate_pct = _num(_("Discount rate (%)"), min_value=-50, max_value=100)
    years = forms.IntegerField(label=_("Lifetime (years)"), required=False, min_value=1,
                               max_value=60)  # fmt: skip
    depreciation = forms.ChoiceField(
        label=_("Depreciation"), required=False,
        choices=[(k, DEPRECIATION_LABELS.get(k, k)) for k in DEPRECIATION_PRESETS],
    )  # fmt: skip
    name = forms.CharField(label=_("Scenario name"), required=False, max_length=200)

    def overrides(self) -> dict[str, Any]:
        """The calculator inputs the user changed (call after ``is_valid``)."""
        data = {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
        data.pop("name", None)
        if "discount_rate_pct" in data:
            data["discount_rate"] = data.pop("discount_rate_pct") / 100.0
        return data
