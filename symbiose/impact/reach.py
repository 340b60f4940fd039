"""How far the matching lets a pair be hauled: past it, the value says "not worth it" too.

The matching engine judges a pair too far apart when a material lies more than ten of its
usual reaches by road away (``matching/engine/where.py`` ``FAR_REACHES``; the reach is the
class's ``reach_km`` in ``taxonomy/data/class_knowledge.csv``), or a gas or water farther
than a pipe goes (``EngineConfig.gas_km``, ``water_km``), and says so ("too far apart to
haul this material economically"). The value path values such a pair too, so the two must
agree: the adapter gives this limit to
:func:`~symbiose.impact.calc.exchange.assess_exchange`, which then gives the pair a "too
far" verdict (not worth it as it stands, listed apart) whatever its haul costs.
Heat, cold and water have their own pipe costs and verdicts.
"""

from __future__ import annotations

from symbiose.matching.engine.physics import LOCAL, transport_limit_km
from symbiose.matching.engine.types import EngineConfig
from symbiose.matching.engine.where import FAR_REACHES
from symbiose.taxonomy.categories import THERMAL
from symbiose.taxonomy.knowledge import class_knowledge

__all__ = ["haul_limit_km"]


def haul_limit_km(category: str, material_class: str | None, need_category: str | None = None,
                  by_road: bool = False) -> float | None:  # fmt: skip
    """The distance (km) past which the matching judges an offer of this category and class
    too far from a need of ``need_category``, or ``None`` when it sets none the value path
    does not already judge (heat and cold pipes, services, a material of no known class).

    As in the engine, the pair travels as the offer does if it is piped (gas, water), else
    as the need does, unless it goes ``by_road`` (a fuel burnt for heat is trucked); by road,
    ten of the offer class's usual reaches.

    >>> haul_limit_km("material", "slag"), haul_limit_km("gas", "co2")
    (3000.0, 100.0)
    >>> haul_limit_km("material", "ash_fly", "gas"), haul_limit_km("material", "slag", "water")
    (100.0, 30.0)
    >>> haul_limit_km("heat", None) is None, haul_limit_km("material", None) is None
    (True, True)
    """
    if category in THERMAL:
        return None
    # the pair travels as the offer does if it is piped, else as the need does
    kind = category if category in LOCAL else need_category
    if kind in LOCAL and not (by_road and kind != category):
        if kind in THERMAL:  # a material to a heat or cold pipe: the value path's own verdict
            return None
        return float(transport_limit_km(LOCAL[kind], 0.0, EngineConfig()))
    if category != "material" or not material_class:
        return None
    reach = class_knowledge(material_class).reach_km
    return FAR_REACHES * reach if reach else None
