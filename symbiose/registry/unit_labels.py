"""How units read on pages: "tonn", "m³", "time" in Norwegian; "tonnes", "m³", "hours" in English.

Streams store the short codes of :mod:`symbiose.registry.units` ("t", "m3", "h", "t/yr");
pages, pop-ups, reports and sheets show them through :func:`unit_label` so a code never
reaches a reader.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

#: Display names of the unit codes; codes not listed read as themselves (MWh, kW, GJ).
_LABELS = {
    "t": pgettext_lazy("unit", "tonnes"),
    "tonn": pgettext_lazy("unit", "tonnes"),
    "m3": "m³",
    "Nm3": "Nm³",
    "l": pgettext_lazy("unit", "litres"),
    "h": pgettext_lazy("unit", "hours"),
    "trips": pgettext_lazy("unit", "trips"),
}
#: "per year" as it follows a unit ("tonn/år").
_PER_YEAR = gettext_lazy("yr")


def unit_label(code: str | None) -> str:
    """The unit as people read it in the current language.

    ``"t"`` -> "tonn"/"tonnes", ``"m3"`` -> "m³", ``"t/yr"`` -> "tonn/år"/"tonnes/yr";
    an empty code gives "".
    """
    if not code:
        return ""
    base, slash, per = code.partition("/")
    label = str(_LABELS.get(base, base))
    if not slash:
        return label
    return f"{label}/{_PER_YEAR if per == 'yr' else _(per)}"


#: :func:`unit_label` evaluated when shown, for choices built at import time.
unit_label_lazy = lazy(unit_label, str)


def unit_choices(codes: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Form choices for unit codes, labelled for reading (the value stays the code)."""
    return [(code, unit_label_lazy(code)) for code in codes]
