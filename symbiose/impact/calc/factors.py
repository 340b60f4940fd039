"""Versioned factor tables: load the shipped CSV files, merge regional overrides, look up.

Every number the calculators use that is not an input comes from a factor row with an id,
value, unit, source, year, validity dates, region and version (``symbiose/impact/data``).
A row whose id ends in ``.low`` or ``.high`` is the bound of the range of the factor without
that suffix; the sensitivity cases read them, the central case reads the plain id.

Lookups go through a :class:`Lookup`, which converts the value to the unit the formula
expects (with pint, so a regional factor given in g CO2e/kWh is read correctly in
kg CO2e/kWh) and records which factor ids and versions a result used.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import pint

from symbiose.impact.calc.errors import ImpactInputError
from symbiose.impact.calc.types import FactorRef
from symbiose.textmarks import N_

__all__ = [
    "DATA_DIR",
    "Factor",
    "FactorSet",
    "Lookup",
    "load_factors",
    "merge_factors",
    "quantity",
    "ureg",
]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
FIELDS = (
    "id",
    "value",
    "unit",
    "source",
    "year",
    "valid_from",
    "valid_to",
    "region",
    "version",
    "note",
)
_UNIT_ALIASES = {"kt": "kilotonne", "m3": "meter**3", "tCO2e": "tCO2e", "yr": "year"}


@lru_cache(maxsize=1)
def ureg() -> pint.UnitRegistry:
    """The unit registry with CO2e, NOK and tonne-km defined.

    Examples
    --------
    >>> ureg().Quantity(15, "gCO2e/kWh").to("kgCO2e/MWh").magnitude
    15.0
    """
    reg = pint.UnitRegistry()
    reg.define("kgCO2e = [emission]")
    reg.define("gCO2e = 0.001 * kgCO2e")
    reg.define("tCO2e = 1000 * kgCO2e")
    reg.define("NOK = [currency]")
    reg.define("tkm = tonne * kilometer")
    reg.define("kilotonne = 1000 * tonne")
    return reg


@lru_cache(maxsize=4096)
def _spell(unit: str) -> str:
    tokens = unit.strip().replace("³", "3").replace("·", "*").split("/")
    return "/".join(_UNIT_ALIASES.get(tok.strip(), tok.strip()) for tok in tokens)


def quantity(value: float, unit: str, field: str = "unit") -> pint.Quantity:
    """Return a pint quantity, refusing units pint does not know.

    Examples
    --------
    >>> quantity(2, "kt/yr").to("t/yr").magnitude
    2000.0
    >>> quantity(1, "bananas/yr")
    Traceback (most recent call last):
    ...
    symbiose.impact.calc.errors.ImpactInputError: unknown unit bananas/yr
    """
    try:
        return ureg().Quantity(float(value), _units(_spell(unit)))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError):
        raise ImpactInputError(field, N_("unknown unit {unit}"), unit=unit) from None


@lru_cache(maxsize=4096)
def _units(spelled: str) -> pint.Unit:
    """The pint unit of a spelled unit, parsed once (parsing is most of a quantity's cost)."""
    return ureg().Unit(spelled)


@lru_cache(maxsize=8192)
def _converted(value: float, unit: str, to: str, fid: str) -> float:
    """``value`` in ``unit`` converted to ``to`` (computed once per factor and unit)."""
    return float(quantity(value, unit, fid).to(_units(_spell(to))).magnitude)


@dataclass(frozen=True)
class Factor:
    """One row of a factor table."""

    id: str
    value: float
    unit: str
    source: str
    year: int
    valid_from: date | None
    valid_to: date | None
    region: str
    version: str
    note: str = ""

    def valid_on(self, day: date) -> bool:
        """True when ``day`` lies in [valid_from, valid_to]."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def value_in(self, unit: str) -> float:
        """The value converted to ``unit``; an incompatible unit is an input error."""
        if _spell(unit) == _spell(self.unit):
            return self.value
        try:
            return _converted(self.value, self.unit, unit, self.id)
        except pint.errors.DimensionalityError:
            raise ImpactInputError(
                self.id,
                N_("factor {id} has unit {unit}, which cannot be read as {expected}"),
                id=self.id,
                unit=self.unit,
                expected=unit,
            ) from None


def _date(text: str, field: str) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ImpactInputError(
            field, N_("{field} must be a date YYYY-MM-DD (got {value})"), field=field, value=text
        ) from None


def factor_from_row(row: Mapping[str, object]) -> Factor:
    """Parse and check one factor row (from a CSV file or an admin form).

    Examples
    --------
    >>> f = factor_from_row({"id": "elec.NO", "value": "12", "unit": "gCO2e/kWh",
    ...     "source": "NVE", "year": "2024", "region": "Vestland", "version": "local-1"})
    >>> f.value_in("kgCO2e/kWh")
    0.012
    """
    fid = str(row.get("id") or "").strip()
    if not fid:
        raise ImpactInputError("id", N_("a factor needs an id"))
    for required in ("unit", "source", "version"):
        if not str(row.get(required) or "").strip():
            raise ImpactInputError(
                required, N_("factor {id} needs a {field}"), id=fid, field=required
            )
    value = row.get("value")
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ImpactInputError(
            "value", N_("factor {id} value must be a number (got {value})"), id=fid, value=value
        ) from None
    unit = str(row["unit"]).strip()
    quantity(number, unit, "unit")  # refuse unknown units at load time
    year_text = str(row.get("year") or "0").strip() or "0"
    if not year_text.isdigit():
        raise ImpactInputError(
            "year",
            N_("factor {id} year must be a whole number (got {value})"),
            id=fid,
            value=year_text,
        )
    valid_from = _date(str(row.get("valid_from") or ""), "valid_from")
    valid_to = _date(str(row.get("valid_to") or ""), "valid_to")
    if valid_from and valid_to and valid_to < valid_from:
        raise ImpactInputError("valid_to", N_("factor {id} ends before it starts"), id=fid)
    return Factor(
        id=fid,
        value=number,
        unit=unit,
        source=str(row["source"]).strip(),
        year=int(year_text),
        valid_from=valid_from,
        valid_to=valid_to,
        region=str(row.get("region") or "").strip(),
        version=str(row["version"]).strip(),
        note=str(row.get("note") or "").strip(),
    )


class FactorSet:
    """An immutable collection of factors indexed by id.

    Examples
    --------
    >>> factors = load_factors()
    >>> factors.get("elec.NO").source.startswith("NVE")
    True
    """

    def __init__(self, factors: Iterable[Factor]) -> None:
        self._by_id: dict[str, list[Factor]] = {}
        self._got: dict[tuple[str, str | None, date], Factor] = {}  # get's answers
        for factor in factors:
            self._by_id.setdefault(factor.id, []).append(factor)

    def __iter__(self):
        for rows in self._by_id.values():
            yield from rows

    def __contains__(self, fid: object) -> bool:
        return fid in self._by_id

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    def get(self, fid: str, region: str | None = None, on: date | None = None) -> Factor:
        """The factor ``fid`` valid on ``on`` (default today), preferring ``region``.

        Among candidates of the requested region (or, failing that, of any region) the one
        that became valid latest wins, so a newer version supersedes an older one.
        """
        day = on or date.today()
        found = self._got.get((fid, region, day))
        if found is None:
            found = self._got[fid, region, day] = self._get(fid, region, day)
        return found

    def latest(self, fid: str) -> Factor | None:
        """The newest row of ``fid`` whether or not it is valid today (``None``: no such id).

        A stored result may name a factor that has since expired; its source is still the
        row it was computed from, not the id.

        Examples
        --------
        >>> load_factors().latest("elec.NO").id
        'elec.NO'
        """
        rows = self._by_id.get(fid)
        if not rows:
            return None
        return max(rows, key=lambda f: (f.valid_to or date.max, f.valid_from or date.min,
                                        f.version))  # fmt: skip

    def _get(self, fid: str, region: str | None, day: date) -> Factor:
        rows = [f for f in self._by_id.get(fid, ()) if f.valid_on(day)]
        if not rows:
            raise ImpactInputError(
                "factor", N_("no factor {id} is valid on {day}"), id=fid, day=day.isoformat()
            )
        local = [f for f in rows if region and f.region.lower() == region.lower()]
        pool = local or rows
        return max(pool, key=lambda f: (f.valid_from or date.min, f.version))


def read_table(path: Path) -> list[dict[str, str]]:
    """The rows of one factor table (rows without an id are skipped)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if (row.get("id") or "").strip()]


@lru_cache(maxsize=1)
def load_factors(data_dir: Path = DATA_DIR) -> FactorSet:
    """Load every factor table shipped in ``data_dir`` (all CSVs but ``material_map.csv``)."""
    factors: list[Factor] = []
    for path in sorted(data_dir.glob("*.csv")):
        if path.name == "material_map.csv":
            continue
        factors.extend(factor_from_row(row) for row in read_table(path))
    return FactorSet(factors)


def merge_factors(base: FactorSet, overrides: Iterable[Mapping[str, object] | Factor]) -> FactorSet:
    """Lay admin-supplied (regional) factors over ``base``.

    An override replaces the base row with the same id, region and start date, and is
    added otherwise. Its id must be one ``base`` knows (a typo would otherwise be ignored
    silently) and its unit must convert to the unit of the shipped factor.

    Examples
    --------
    >>> merged = merge_factors(load_factors(), [{"id": "price.electricity", "value": 0.6,
    ...     "unit": "NOK/kWh", "source": "local tariff", "year": 2025, "region": "Vestland",
    ...     "version": "vestland-2025"}])
    >>> merged.get("price.electricity", region="Vestland").value
    0.6
    >>> merged.get("price.electricity").value == load_factors().get("price.electricity").value
    True
    """
    rows = list(base)
    for item in overrides:
        factor = item if isinstance(item, Factor) else factor_from_row(item)
        if factor.id not in base:
            raise ImpactInputError("id", N_("unknown factor id {id}"), id=factor.id)
        shipped = next(iter(base._by_id[factor.id]))
        factor.value_in(shipped.unit)  # unit must be compatible
        rows = [
            r
            for r in rows
            if not (
                r.id == factor.id
                and r.region == factor.region
                and r.valid_from == factor.valid_from
            )
        ]
        rows.append(factor)
    return FactorSet(rows)


class Lookup:
    """Factor reads for one computation: one case, one region, one day; records usage.

    Parameters
    ----------
    factors : FactorSet
    case : {"low", "central", "high"}
        Which end of each factor's range to read.
    region, on
        Passed to :meth:`FactorSet.get`.

    Examples
    --------
    >>> look = Lookup(load_factors(), "central")
    >>> look.value("elec.NO", "gCO2e/kWh")
    15.0
    >>> [ref.id for ref in look.used()]
    ['elec.NO']
    """

    def __init__(
        self,
        factors: FactorSet,
        case: str = "central",
        region: str | None = None,
        on: date | None = None,
    ) -> None:
        self.factors, self.case, self.region, self.on = factors, case, region, on
        self._used: dict[str, FactorRef] = {}

    def factor(self, fid: str, *, favourable: bool = True) -> Factor:
        """The row to read for ``fid`` in this case.

        ``favourable`` says whether a higher value makes the exchange look better (a
        virgin-material factor) or worse (a transport factor): the low case reads the
        unfavourable end of every range, the high case the favourable end.
        """
        suffix = ""
        if self.case != "central":
            want_high = (self.case == "high") == favourable
            suffix = ".high" if want_high else ".low"
            if fid + suffix not in self.factors:
                suffix = ""
        row = self.factors.get(fid + suffix, self.region, self.on)
        self._used[row.id] = FactorRef(row.id, row.version, row.region)
        return row

    def value(self, fid: str, unit: str, *, favourable: bool = True) -> float:
        """The value of ``fid`` in ``unit`` for this case."""
        return self.factor(fid, favourable=favourable).value_in(unit)

    def used(self) -> list[FactorRef]:
        return sorted(self._used.values(), key=lambda ref: ref.id)

    def with_case(self, case: str) -> Lookup:
        return Lookup(self.factors, case, self.region, self.on)
