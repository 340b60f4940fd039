"""The one error the impact calculators raise for input they cannot use.

Every out-of-range or unknown input is refused with a translatable message template, the
name of the offending field and the parameters that fill the template, so the web form can
put the message next to the right field and the CLI can print it. The calculators never
return a silent zero for input they do not understand.
"""

from __future__ import annotations

from symbiose.textmarks import N_

__all__ = ["ImpactInputError", "check_finite", "check_non_negative", "check_fraction"]


class ImpactInputError(ValueError):
    """Input the impact calculators cannot use.

    Parameters
    ----------
    field : str
        Name of the input field at fault (e.g. ``"quantity"``).
    template : str
        Message template marked with ``N_`` and ``{named}`` placeholders.
    **params
        Values for the placeholders.

    Examples
    --------
    >>> template = N_("quantity must not be negative (got {value})")
    >>> err = ImpactInputError("quantity", template, value=-3)
    >>> str(err)
    'quantity must not be negative (got -3)'
    >>> err.field, err.params
    ('quantity', {'value': -3})
    """

    def __init__(self, field: str, template: str, /, **params: object) -> None:
        self.field = field
        self.template = template
        self.params = params
        super().__init__(template.format(**params))


def check_finite(field: str, value: object) -> float:
    """Return ``value`` as a float, refusing None, text, NaN and infinity.

    Examples
    --------
    >>> check_finite("distance_km", 12)
    12.0
    """
    if isinstance(value, bool) or value is None:
        raise ImpactInputError(
            field, N_("{field} must be a number (got {value})"), field=field, value=value
        )
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ImpactInputError(
            field, N_("{field} must be a number (got {value})"), field=field, value=value
        ) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ImpactInputError(
            field, N_("{field} must be a finite number (got {value})"), field=field, value=value
        )
    return number


def check_non_negative(field: str, value: object) -> float:
    """Return ``value`` as a float, refusing negative numbers.

    Examples
    --------
    >>> check_non_negative("quantity", 0)
    0.0
    """
    number = check_finite(field, value)
    if number < 0:
        raise ImpactInputError(
            field, N_("{field} must not be negative (got {value})"), field=field, value=value
        )
    return number


def check_fraction(field: str, value: object) -> float:
    """Return ``value`` as a float in [0, 1].

    Examples
    --------
    >>> check_fraction("recovery_rate", 0.9)
    0.9
    """
    number = check_finite(field, value)
    if not 0.0 <= number <= 1.0:
        raise ImpactInputError(
            field, N_("{field} must be between 0 and 1 (got {value})"), field=field, value=value
        )
    return number
