"""A stored reason's parameters in the reader's language: Norwegian names where the engine
stored them (``material_nb``, ``use_nb``), numbers with the locale's decimal mark and a legal
status by its label, so a Norwegian page never reads "Begge er clean wood residues, 1.5 km"."""

from __future__ import annotations

from typing import Any

from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_noop as N_

from symbiose.registry.models import LEGAL_STATUSES

#: Stored templates that read wrongly at one value of a parameter ("1 times", "1 ganger";
#: "covers about 0 %" of a need 2 000 times larger): the parameter, that value and the
#: wording for it. Stored rows keep the engine's template; only the text a reader sees changes.
FOR_ONE: dict[str, tuple[str, int, str]] = {
    "Documented exchanges sent {material} to this sector ({sector}) {exchanges} times": (
        "exchanges",
        1,
        N_("A documented exchange sent {material} to this sector ({sector})"),
    ),
    "The offer covers about {pct} % of the need": (
        "pct",
        0,
        # xgettext:no-python-format
        N_("The offer covers less than 1 % of the need"),
    ),
}


def counted_template(template: str, params: dict[str, Any]) -> str:
    """``template``, or its wording for the one value of a parameter it reads wrongly at."""
    key, value, other = FOR_ONE.get(template, ("", 0, ""))
    return other if key and params.get(key) == value else template


def localised_params(params: dict[str, Any]) -> dict[str, Any]:
    """``params`` ready for the current language's template.

    In Norwegian every ``name`` with a ``name_nb`` twin takes the twin's value (the
    catalogue's templates keep the English placeholder names); numbers are formatted for the
    locale with grouping; ``status`` becomes the legal status's translated label.
    """
    nb = (get_language() or "").startswith("nb")
    out: dict[str, Any] = {}
    for key, value in params.items():
        if nb and f"{key}_nb" in params and params[f"{key}_nb"]:
            value = params[f"{key}_nb"]
        if isinstance(value, bool):
            pass
        elif isinstance(value, float):
            value = number_format(value, decimal_pos=0 if value.is_integer() else 1,
                                  use_l10n=True, force_grouping=True)  # fmt: skip
        elif isinstance(value, int):
            value = number_format(value, use_l10n=True, force_grouping=True)
        elif key == "status":
            value = str(dict(LEGAL_STATUSES).get(value, value))
        out[key] = value
    return out
