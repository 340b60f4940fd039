"""One rule for numbers written as text in an imported file, decided per column.

Pure module. People write 1 200,5 (Norway), 1,200.5 (English), 1.200,5 (Germany) and
12 000 or 12.000 for twelve thousand. A value is read on its own when it can be read only one
way:

* spaces (also non-breaking and thin spaces) group thousands and are dropped: ``12 000``;
* both ``,`` and ``.`` present: the last one is the decimal mark (``1.234,5``, ``1,234.5``);
* the same mark twice or more: it groups thousands (``1.234.567``, ``1,234,567``);
* one mark that is not followed by exactly three digits, or follows a leading 0 or more than
  three digits, is the decimal mark (``1,5``, ``0.500``, ``1234,567``, ``12.50``).

That leaves one mark followed by exactly three digits after one to three digits: ``12.000``
and ``12,000``, twelve or twelve thousand. Such a value is read with the decimal mark the
**other values of the same column** show (a ``1,5`` elsewhere in the column makes ``12.000``
twelve thousand); if the column shows none, or shows both, it is an error at its cell that
asks the user to write it unambiguously -- unless the thousands reading is out of the column's
range (``58.146`` as a latitude). Never a silent factor of 1 000.

>>> normalise_column(["1,5", "12.000", ""])
(['1.5', '12000', ''], [])
>>> normalise_column(["12.000"])[1][0].index
0
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from symbiose.textmarks import N_

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"[+-]?\d+")
_MARKS = re.compile(r"[+-]?\d[\d.,]*")


@dataclass
class NumberProblem:
    """An ambiguous value: its index in the column and a translatable template."""

    index: int
    template: str
    params: dict[str, object] = field(default_factory=dict)


def _reading(text: str) -> tuple[str | None, str]:
    """``(decimal mark or None, canonical text)``; mark ``"?"`` when ambiguous."""
    if not _MARKS.fullmatch(text):
        return None, ""  # not a plain number (1e3, words): left as written, to the validator
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if decimal == "," else ","
        if text.count(decimal) > 1:
            return None, ""
        return decimal, text.replace(group, "").replace(decimal, ".")
    mark = "," if commas else "." if dots else ""
    if not mark:
        return None, text  # digits only (spaces dropped)
    if text.count(mark) > 1:
        return ("." if mark == "," else ","), text.replace(mark, "")
    whole, frac = text.lstrip("+-").split(mark)
    if len(frac) == 3 and 1 <= len(whole) <= 3 and whole != "0":
        return "?", text
    return mark, text.replace(mark, ".")


def normalise_column(
    values: list[object], maximum: float | None = None
) -> tuple[list[object], list[NumberProblem]]:
    """Read a column's text numbers by the rule above; numbers from XLSX pass unchanged.

    ``maximum`` is the largest value the column allows (90 for a latitude): an ambiguous value
    whose thousands reading would be larger is read with a decimal mark (``58.146``).

    Returns the values with text numbers in canonical form ("12000.5") and a problem for each
    value that stays ambiguous.
    """
    readings: list[tuple[str | None, str] | None] = []
    for value in values:
        if isinstance(value, str) and value.strip():
            readings.append(_reading(_SPACES.sub("", value.strip())))
        else:
            readings.append(None)
    marks = {r[0] for r in readings if r and r[0] in (",", ".")}
    out: list[object] = []
    problems: list[NumberProblem] = []
    for index, (value, reading) in enumerate(zip(values, readings, strict=True)):
        if reading is None:
            out.append(value)
            continue
        mark, text = reading
        if not text:
            out.append(value)
        elif mark != "?":
            out.append(text)
        elif maximum is not None and abs(float(re.sub("[.,]", "", text))) > maximum:
            out.append(text.replace(",", "."))
        elif len(marks) == 1:
            decimal = next(iter(marks))
            group = "." if decimal == "," else ","
            out.append(text.replace(group, "") if text.count(group) else text.replace(",", "."))
        else:
            out.append(value)
            whole, frac = re.split("[.,]", text)
            problems.append(
                NumberProblem(
                    index,
                    N_("{value} is ambiguous: {large} or {small}? Write the number without a "
                       "thousands mark, or use the same decimal mark as the rest of the column"),
                    {
                        "value": str(value).strip(),
                        "large": text.replace(",", "").replace(".", ""),
                        "small": f"{float(whole + '.' + frac):g}",
                    },
                )
            )  # fmt: skip
    return out, problems
