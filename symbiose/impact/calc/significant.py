"""Significant figures: the precision at which every impact figure is shown.

Pages, the API's texts and reports show each end of a range rounded to two significant
figures ("about 10 000–17 000 t CO2e/yr", :func:`symbiose.impact.display.range_text`). The
published reference cases are compared with the model at that same precision
(``docs/impact-method.md``, "Published reference cases"), so the rounding lives here, in the
pure calculator, and both use this one function.
"""

from __future__ import annotations

import math


def sig(value: float, digits: int = 2) -> float:
    """``value`` rounded to ``digits`` significant figures (0 for zero and non-finite values).

    >>> sig(287.3456), sig(-11241509.0), sig(0.0), sig(16503.8), sig(0.7169)
    (290.0, -11000000.0, 0.0, 17000.0, 0.72)
    """
    if not value or not math.isfinite(value):
        return 0.0
    return round(value, digits - 1 - int(math.floor(math.log10(abs(value)))))
