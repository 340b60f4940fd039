"""How impact figures are shown: two significant figures, ranges, sources by name and year.

A CFO reads "about 150–400 NOK per tonne", not "287.3456 NOK"; a source is "NVE,
klimadeklarasjon for fysisk levert strøm 2023 (2023)", never a factor id. Everything here
formats in the active language: money is written by :func:`money` alone ("1 200 kr/år" in
Norwegian, "1,200 NOK/yr" in English), and pages use it through the ``money`` filter.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.factors import FactorSet
from symbiose.impact.calc.significant import sig
from symbiose.impact.calc.types import Estimate, ImpactResult

#: Per-unit labels of the canonical units ("per tonne").
UNIT_WORDS = {
    "t/yr": pgettext_lazy("per unit", "per tonne"),
    "MWh/yr": pgettext_lazy("per unit", "per MWh"),
    "m3/yr": pgettext_lazy("per unit", "per m³"),
    "h/yr": pgettext_lazy("per unit", "per hour"),
    # a gas valued per unit, by the volume it is sold in (calc/quantities.py per_unit_amount)
    "1000Nm3/yr": pgettext_lazy("per unit", "per 1,000 Nm³"),
}
ROUTE_WORDS = {
    "landfill": _("landfilled"),
    "incineration": _("incinerated with energy recovery"),
    "treatment": _("treated as hazardous waste"),
    "sold": _("sold as fuel or product"),
    "given_away": _("given away"),
    "land_spreading": _("spread on land"),
    "discharged": _("discharged"),
    "vented": _("vented or flared"),
    "unused": _("stored, with no use"),
}
RECEIVER_WORDS = {
    "virgin": _("buys the product it replaces"),
    "none": _("buys nothing like it (a new use)"),
    "market": _("buys the service on the market"),
    "electricity": _("uses electricity"),
    "natural_gas": _("burns natural gas"),
    "fuel_oil": _("burns fuel oil"),
    "heavy_fuel_oil": _("burns heavy fuel oil"),
    "lpg": _("burns LPG"),
    "wood_pellets": _("burns wood pellets"),
    "wood_chips": _("burns wood chips"),
    "petroleum_coke": _("burns petroleum coke or coal"),
    "district_heat": _("buys district heating"),
}


#: Fuels named in breakdown lines, in words.
FUEL_WORDS = {
    "electricity": _("electricity"),
    "natural_gas": _("natural gas"),
    "fuel_oil": _("fuel oil"),
    "heavy_fuel_oil": _("heavy fuel oil"),
    "lpg": _("LPG"),
    "wood_pellets": _("wood pellets"),
    "wood_chips": _("wood chips"),
    "petroleum_coke": _("petroleum coke"),
    "district_heat": _("district heating"),
}


def sig_text(value: float | None, digits: int = 2) -> str:
    """A number with two significant figures, grouped in the active language."""
    if value is None:
        return "–"
    rounded = sig(float(value), digits)
    places = 0 if abs(rounded) >= 1 or rounded == 0 else min(6, digits - 1 - int(
        math.floor(math.log10(abs(rounded)))))  # fmt: skip
    return number_format(rounded, places, force_grouping=True)


#: The currency after an amount: "kr" in Norwegian, "NOK" in English.
CURRENCY = pgettext_lazy("currency written after an amount", "NOK")


def money(amount: float | str | None, per: str = "") -> str:
    """An amount of money written as people in the active language write it.

    ``amount`` is a number (grouped, at most two decimals) or text already formatted (a
    range); ``per`` is ``"yr"`` for "per year", ``"once"`` for a one-off lot's figure
    ("1 200 kr (én gang)"), else words such as "per tonne" that follow.
    Norwegian pages read "1 200 kr", "om lag 150–400 kr/år"; English pages "1,200 NOK".
    """
    if amount is None or amount == "":
        return "–"
    if not isinstance(amount, str):
        value = float(amount)
        places = 0 if value == round(value) or abs(value) >= 100 else 2
        amount = number_format(round(value, places), places, force_grouping=True)
    text = f"{amount}\xa0{CURRENCY}"
    if per == "yr":
        return f"{text}/{gettext('yr')}"
    if per == "once":
        return f"{text} ({gettext('once')})"
    return f"{text} {per}" if per else text


def class_label(class_id: str) -> str:
    """A material class in words in the active language ("food_waste" → "matavfall")."""
    from symbiose.taxonomy.materials import materials_by_id

    found = materials_by_id().get(class_id.split("@")[0])
    if found is None:
        return class_id.replace("_", " ")
    return (found.label_nb if gettext("yr") == "år" else found.label_en).lower()


def unit_text(unit: str) -> str:
    """A breakdown line's unit in the active language: "NOK/yr" → "kr/år" in Norwegian."""
    return unit.replace("/yr", "/" + gettext("yr")).replace("NOK", str(CURRENCY))


def shown(params: dict[str, Any], significant: bool = False) -> dict[str, Any]:
    """Breakdown parameters as people read them (at most 3 significant decimals).

    ``significant`` writes numbers with two significant figures, for sentences that say
    "about" (a verdict: "about 160 000 000 NOK/yr", not "158 967 000").
    """
    out = {}
    for key, value in params.items():
        if isinstance(value, (int, float)) and not isinstance(value, bool) and significant:
            value = sig_text(value)
        elif isinstance(value, float):
            places = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
            value = number_format(round(value, places), places, force_grouping=True)
        elif isinstance(value, str) and key == "route":
            value = str(ROUTE_WORDS.get(value, value))
        elif isinstance(value, str) and key == "fuel":
            value = str(FUEL_WORDS.get(value, value))
        elif isinstance(value, str) and key == "material":
            value = class_label(value)
        elif isinstance(value, str) and key == "unit":  # "MWh/yr" reads "MWh/år" in nb
            value = unit_text(value)
        out[key] = value
    return out


def range_text(est: Estimate, scale: float = 1.0) -> str:
    """ "about 150–400" (or one figure when both ends round alike)."""
    if est.low is None or est.high is None:
        return "–"
    low, high = sig_text(est.low * scale), sig_text(est.high * scale)
    if low == high:
        return gettext("about %(value)s") % {"value": low}
    if est.low * scale < 0 or est.high * scale < 0:  # "-330–-71" would read as a typo
        return gettext("about %(low)s to %(high)s") % {"low": low, "high": high}
    return gettext("about %(low)s–%(high)s") % {"low": low, "high": high}


def display(result: ImpactResult) -> dict[str, str]:
    """The headline figures as text: yearly totals, per unit when there is no quantity, or
    the lot's figures once ("om lag 1,2–3,4 mill. kr (én gang)") for a one-off lot."""
    if not result.modelled:
        return {}
    if getattr(result, "one_off", False):
        return {
            "money": money(range_text(result.annual_net_benefit_nok), "once"),
            "co2": f"{range_text(result.co2e_t_per_yr)} t CO2e ({gettext('once')})",
            "per_unit": "",
            "once": gettext("once"),
        }
    if result.per_unit:
        per = str(UNIT_WORDS.get(result.unit, ""))
        return {
            "money": money(range_text(result.annual_net_benefit_nok), per),
            "co2": f"{range_text(result.co2e_t_per_yr, 1000.0)} kg CO2e {per}",
            "per_unit": per,
        }
    return {
        "money": money(range_text(result.annual_net_benefit_nok), "yr"),
        "co2": f"{range_text(result.co2e_t_per_yr)} t CO2e/{gettext('yr')}",
        "per_unit": "",
    }


def norwegian() -> bool:
    """True when the active language is Norwegian (bokmål, nynorsk or plain "no")."""
    return (get_language() or "").startswith(("nb", "nn", "no"))


def reasoning(counterfactual: dict[str, Any]) -> str:
    """The material class's reasoning of a counterfactual in the active language.

    The calculator gives it in both languages (``reasoning`` in English, ``reasoning_nb``);
    a page, a PDF or an API answer shows only the one it is made in.
    """
    key = "reasoning_nb" if norwegian() else "reasoning"
    return str(counterfactual.get(key) or "")


def counterfactual_text(result: ImpactResult) -> dict[str, str]:
    """What the stream does today and what the receiver uses today, in words."""
    cf = result.counterfactual or {}
    route = cf.get("route")
    return {
        "route": str(ROUTE_WORDS.get(route, "")) if route else "",
        "receiver": str(RECEIVER_WORDS.get(cf.get("receiver") or "", "")),
        "reasoning": reasoning(cf),
    }


#: What a factor row that cites no publication rests on, by how its ``source`` begins
#: (the kinds of :mod:`symbiose.impact.calc.citations`): the kind is shown in the reader's
#: language, while a publication's name is shown as published.
SOURCE_KINDS = (
    ("Symbiose", _("Symbiose estimate (%(year)s)")),
    ("Definition:", _("Definition (%(year)s)")),
    ("Physics:", _("Physics (%(year)s)")),
)


def source_label(factors: FactorSet, fid: str) -> str:
    """ "<publication> (<year>)" for a factor; estimates, definitions and physics say so.

    The publication part is the ``source`` up to its first ``": "`` (a standard's
    "EN 15243:2007" stays whole); an estimate, a definition or a physical fact is named by
    its kind in the active language, never by the English prefix of the data file. A
    factor that has expired since (a stored value, a past date) is named by its newest row
    like any other.
    """
    try:
        row = factors.get(fid)
    except ImpactInputError:  # no longer valid today: the row it was computed from
        row = factors.latest(fid)
    if row is None:
        return gettext("a factor no longer in the tables")
    source = " ".join(row.source.split())
    for prefix, label in SOURCE_KINDS:
        if source.startswith(prefix):
            return str(label) % {"year": row.year}
    return f"{source.split(': ')[0].strip()} ({row.year})"


def source_labels(factors: FactorSet, ids: Iterable[str]) -> list[str]:
    """Distinct source labels of ``ids``, in first-seen order."""
    seen: list[str] = []
    for fid in ids:
        label = source_label(factors, fid)
        if label not in seen:
            seen.append(label)
    return seen


def resource_lines(resources: dict[str, Any], once: bool = False) -> list[str]:
    """The physical flows of an exchange as short sentences (only the ones that are there).

    ``once``: the flows of a one-off lot, said once ("300 t kept out of landfill"), never
    per year.
    """
    from symbiose.taxonomy.lists import crm_by_id

    lines: list[str] = []
    simple = (
        ("kept_from_landfill_t", gettext("%(value)s t/yr kept out of landfill")),
        ("kept_from_incineration_t", gettext("%(value)s t/yr kept out of incineration")),
        ("virgin_material_saved_t", gettext("%(value)s t/yr of new material not needed")),
        ("water_saved_m3", gettext("%(value)s m³/yr of water saved")),
        ("energy_recovered_mwh", gettext("%(value)s MWh/yr of heat put to use")),
    )
    if once:
        simple = (
            ("kept_from_landfill_t", gettext("%(value)s t kept out of landfill, once")),
            ("kept_from_incineration_t", gettext("%(value)s t kept out of incineration, once")),
            ("virgin_material_saved_t", gettext("%(value)s t of new material not needed, once")),
            ("water_saved_m3", gettext("%(value)s m³ of water saved, once")),
            ("energy_recovered_mwh", gettext("%(value)s MWh of heat put to use, once")),
        )
    ranges = {"virgin_material_saved_t": resources.get("virgin_material_saved_range_t")}
    for key, text in simple:
        if resources.get(key):
            span = ranges.get(key)  # low-high from the same factor ends as the CO2 range
            value = (range_text(Estimate(span["low"], span["central"], span["high"], ""))
                     if span else sig_text(resources[key]))  # fmt: skip
            lines.append(text % {"value": value})
    fuel = resources.get("fuel_saved_mwh")  # heat replacing a fuel: low-high of the boilers
    if isinstance(fuel, dict) and fuel.get("central"):
        text = (gettext("%(value)s MWh of fuel no longer burnt, once") if once
                else gettext("%(value)s MWh/yr of fuel no longer burnt"))  # fmt: skip
        lines.append(text % {"value": range_text(
            Estimate(fuel["low"], fuel["central"], fuel["high"], ""))})  # fmt: skip
    names = crm_by_id()
    lang_nb = gettext("yr") == "år"
    for crm, tonnes in (resources.get("crm_recovered_t") or {}).items():
        material = names.get(crm)
        name = (material.name_nb if lang_nb else material.name_en) if material else crm
        text = (
            gettext("%(value)s t of %(name)s (critical raw material) if recovered, once")
            if once
            else gettext("%(value)s t/yr of %(name)s (critical raw material) if recovered")
        )
        lines.append(text % {"value": sig_text(tonnes), "name": name})  # fmt: skip
    quantified = set(resources.get("crm_recovered_t") or {})
    unquantified = [c for c in resources.get("crm_named") or () if c not in quantified]
    if unquantified:
        listed = ", ".join(
            ((names[c].name_nb if lang_nb else names[c].name_en) if c in names else c)
            for c in unquantified
        )
        lines.append(gettext("Contains %(names)s (critical raw materials; share not stated)")
                     % {"names": listed})  # fmt: skip
    return lines


def not_worth_explanation(factors: FactorSet) -> str:
    """Why pairs are left out as not worth it, with the factors in force (for list pages).

    The verdict of each pair names its own reason; this says why there are often many: the
    haul, a stream that is already sold, or heat that needs a long pipe.
    """
    truck = factors.get("transport.cost.truck").value
    fee = factors.get("fee.landfill_inert").value
    return gettext(
        "Pairs are usually left out for one of three reasons. Distance: trucking costs about "
        "%(truck)s per tonne and kilometre, so 300 km costs about %(haul)s per tonne, more than "
        "most residues fetch or save in gate fees (inert landfill about %(fee)s per tonne). A "
        "stream that is already sold: moving it gains only what the new buyer pays more. Surplus "
        "heat: the pipe pays for itself only over a few kilometres. A stated price, a closer "
        "partner or transport by ship can change the verdict; each pair shows its calculation."
    ) % {"truck": money(truck), "haul": money(sig(truck * 300)), "fee": money(fee)}
