"""Physical resource flows of an exchange: what is kept out of landfill, saved or recovered.

These are plain tallies, no factors needed::

    kept_from_landfill_t      = Q        when the avoided route is a landfill
    kept_from_incineration_t  = Q        when the avoided route is incineration
    virgin_material_saved_t   = Q x r    for material exchanges
    water_saved_m3            = Q        for water exchanges
    energy_recovered_mwh      = heat used by the receiver (heat exchanges)
    crm_recovered_t[name]     = Q x content[name] x recovery rate
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from symbiose.impact.calc.errors import ImpactInputError, check_fraction
from symbiose.textmarks import N_

__all__ = ["resource_flows"]


def resource_flows(
    *,
    category: str,
    quantity: float,
    substitution_ratio: float = 1.0,
    disposal_factor_id: str | None = None,
    energy_recovered_mwh: float = 0.0,
    crm_content: Mapping[str, float] | None = None,
    crm_recovery_rate: float = 1.0,
) -> dict[str, Any]:
    """Tonnes, cubic metres and MWh an exchange keeps in use each year.

    Parameters
    ----------
    category : str
        Stream category (``material``, ``heat``, ``water``...).
    quantity : float
        Exchanged amount per year in the category's canonical unit (t, MWh or m3).
    substitution_ratio : float
        Tonnes of virgin material replaced per tonne exchanged.
    disposal_factor_id : str or None
        The avoided disposal route (``disposal.landfill_*`` or ``disposal.incineration_*``).
    energy_recovered_mwh : float
        Heat put to use by the receiver.
    crm_content : mapping of str to float
        Mass fraction of each critical raw material in the stream (0-1), e.g.
        ``{"manganese": 0.3}``; names are checked by the caller against the CRM list.
    crm_recovery_rate : float
        Share of that content actually recovered (0-1).

    Examples
    --------
    >>> flows = resource_flows(category="material", quantity=1000,
    ...     disposal_factor_id="disposal.landfill_inert", crm_content={"manganese": 0.05},
    ...     crm_recovery_rate=0.8)
    >>> flows["kept_from_landfill_t"], flows["crm_recovered_t"]
    (1000.0, {'manganese': 40.0})
    """
    quantity = float(quantity)
    route = disposal_factor_id or ""
    material = category == "material"
    rate = check_fraction("crm_recovery_rate", crm_recovery_rate)
    crm: dict[str, float] = {}
    for name, fraction in (crm_content or {}).items():
        if not str(name).strip():
            raise ImpactInputError("crm_content", N_("a critical raw material needs a name"))
        crm[str(name)] = quantity * check_fraction(f"crm_content[{name}]", fraction) * rate
    if sum(crm_content.values() if crm_content else []) > 1.0 + 1e-9:
        raise ImpactInputError(
            "crm_content", N_("critical raw material contents add up to more than 100 %")
        )
    return {
        "kept_from_landfill_t": quantity
        if material and route.startswith("disposal.landfill")
        else 0.0,
        "kept_from_incineration_t": quantity
        if material and route.startswith("disposal.incineration")
        else 0.0,
        "virgin_material_saved_t": quantity * substitution_ratio if material else 0.0,
        "water_saved_m3": quantity if category == "water" else 0.0,
        "energy_recovered_mwh": float(energy_recovered_mwh),
        "crm_recovered_t": crm,
    }
