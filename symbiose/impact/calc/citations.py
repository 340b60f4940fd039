"""What each factor row rests on: a publication, our own estimate, or a definition.

Issue 16 asks that at least 70 % of the central factor values cite a publication. "Cites a
publication" is read strictly here: the row's ``source`` begins with a publisher this
module knows (:data:`PUBLISHERS`), then, after ``", "``, the title, table or section of the
publication; the row's ``year`` is the year of that edition. A source that only says
"industry practice", "DEFRA range" or "taken equal to ..." is not a citation.

The other two kinds must give their reasoning:

- an **estimate** begins "Symbiose estimate" or "Symbiose assumption" and says why the
  number is what it is (in the source after the prefix, or in the note);
- a **definition** begins "Definition:" or "Physics:" (a value that follows from what the
  factor means, such as 1 kWh of delivered heat per kWh) and says why.

Any other source is *unclear*; the data tests refuse it, so a new row must take a side.

Examples
--------
>>> basis_of("NVE, klimadeklarasjon for fysisk levert strøm 2023", 2023).kind
'publication'
>>> basis_of("Symbiose estimate: one landfill's price list", 2024).kind
'estimate'
>>> basis_of("DEFRA range", 2024).kind
'unclear'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from symbiose.impact.calc.factors import DATA_DIR, Factor, factor_from_row, read_table

__all__ = ["PUBLISHERS", "Basis", "Share", "basis_of", "share_of", "table_factors", "table_shares"]

#: Publishers whose documents the factor tables cite, spelt as in the tables. A new
#: publisher is added here on purpose, with the row that cites it.
PUBLISHERS = frozenset(
    {
        "Arpagaus et al.",
        "Brentrup et al.",
        "British Glass",
        "Bærum kommune",
        "CEN",
        "Communications in Soil Science and Plant Analysis",
        "Centre for Sustainable Energy",
        "Danish Energy Agency",
        "DECHEMA",
        "DESNZ/DEFRA",
        "Direktoratet for mineralforvaltning",
        "ecoinvent",
        "EEA",
        "European Aluminium",
        "European Commission",
        "Finansdepartementet",
        "Fort and Černý",
        "Fertilizers Europe",
        "GCCA",
        "Hafslund Celsio",
        "Hopewell et al.",
        "IEA",
        "IEAGHG",
        "INCOPA",
        "International Copper Association",
        "IPCC",
        "IVL Svenska Miljöinstitutet",
        "Kvam herad",
        "Landbruksdirektoratet",
        "Légifrance",
        "Midt-Gudbrandsdal Renovasjon",
        "Muse and Mitchell",
        "NVE",
        "Nuss and Eckelman",
        "PBL",
        "Pelletsförbundet",
        "PlasticsEurope",
        "Roos et al.",
        "Skatteetaten",
        "Social- og Boligstyrelsen",
        "Steinkjer kommune",
        "SSB",
        "Svaaheia Avfall AS",
        "Swedish Energy Agency",
        "Tjeldsund kommune",
        "University of Bath",
        "USDA",
        "USGS",
        "worldsteel",
    }
)

_ESTIMATE = ("Symbiose estimate", "Symbiose assumption")
_DEFINITION = ("Definition:", "Physics:")
#: Fewest words an estimate's or definition's reasoning may have.
MIN_REASONING_WORDS = 3


@dataclass(frozen=True)
class Basis:
    """The kind of a factor row's source and its parts.

    ``kind`` is ``"publication"``, ``"estimate"``, ``"definition"`` or ``"unclear"``;
    ``publisher`` and ``title`` are set for a publication, ``reasoning`` for the others.
    """

    kind: str
    publisher: str = ""
    title: str = ""
    reasoning: str = ""

    @property
    def reasoned(self) -> bool:
        """True when an estimate or definition says why (at least a short sentence)."""
        return len(self.reasoning.split()) >= MIN_REASONING_WORDS


def basis_of(source: str, year: int, note: str = "") -> Basis:
    """Classify one row's ``source`` (with its ``year`` and ``note``).

    Examples
    --------
    >>> b = basis_of("IPCC, 2006 Guidelines Vol. 5 ch. 5: N2O from incineration", 2006)
    >>> (b.publisher, b.title)
    ('IPCC', '2006 Guidelines Vol. 5 ch. 5')
    >>> basis_of("IPCC, 2006 Guidelines Vol. 5", 0).kind  # no year: not a citation
    'unclear'
    >>> basis_of("Symbiose estimate", 2024, note="Large contracts pay less.").reasoned
    True
    >>> basis_of("Symbiose estimate", 2024).reasoned
    False
    """
    text = " ".join((source or "").split())
    for prefix in _ESTIMATE:
        if text.startswith(prefix):
            reasoning = text.removeprefix(prefix).strip(" :;,")
            return Basis("estimate", reasoning=" ".join(p for p in (reasoning, note) if p))
    for prefix in _DEFINITION:
        if text.startswith(prefix):
            reasoning = text.removeprefix(prefix).strip()
            return Basis("definition", reasoning=" ".join(p for p in (reasoning, note) if p))
    head = text.split(": ", 1)[0]
    publisher, _, title = head.partition(", ")
    if publisher in PUBLISHERS and len(title.split()) >= 2 and 1900 <= int(year or 0) <= 2100:
        return Basis("publication", publisher=publisher, title=title.strip())
    return Basis("unclear")


@dataclass(frozen=True)
class Share:
    """How many central values of a table cite a publication."""

    cited: int
    estimates: int
    definitions: int
    unclear: int

    @property
    def total(self) -> int:
        return self.cited + self.estimates + self.definitions + self.unclear

    @property
    def share(self) -> float:
        """Cited central values over all central values (0 for an empty table)."""
        return self.cited / self.total if self.total else 0.0

    def __add__(self, other: Share) -> Share:
        return Share(
            self.cited + other.cited,
            self.estimates + other.estimates,
            self.definitions + other.definitions,
            self.unclear + other.unclear,
        )


def is_central(fid: str) -> bool:
    """True for a central value's id (not a ``.low`` / ``.high`` bound)."""
    return not fid.endswith((".low", ".high"))


def share_of(rows: Iterable[tuple[str, str, int, str, str]]) -> Share:
    """The cited share over the central values in force among ``rows``.

    ``rows`` are ``(id, source, year, valid_from, note)``; each central id counts once, by
    its row with the latest ``valid_from`` (ISO dates compare as text), so an old row kept
    beside its cited successor neither counts twice nor hides the estimate it replaced.

    Examples
    --------
    >>> share_of([("a", "SSB, Elektrisitetspriser 2024", 2024, "2024-01-01", ""),
    ...           ("a", "Symbiose estimate: older guess", 2020, "2020-01-01", ""),
    ...           ("a.low", "Symbiose estimate: bulk contracts", 2024, "", ""),
    ...           ("b", "Symbiose estimate: a quote would be better", 2024, "", "")]).share
    0.5
    """
    latest: dict[str, tuple[str, Basis]] = {}
    for fid, source, year, valid_from, note in rows:
        if not is_central(fid):
            continue
        start = valid_from or ""
        if fid not in latest or start >= latest[fid][0]:
            latest[fid] = (start, basis_of(source, year, note))
    kinds = [basis.kind for _, basis in latest.values()]
    return Share(
        cited=kinds.count("publication"),
        estimates=kinds.count("estimate"),
        definitions=kinds.count("definition"),
        unclear=kinds.count("unclear"),
    )


def table_factors(data_dir: Path = DATA_DIR) -> dict[str, list[Factor]]:
    """The rows of every shipped factor table, by file name (``material_map.csv`` apart)."""
    return {
        path.name: [factor_from_row(row) for row in read_table(path)]
        for path in sorted(data_dir.glob("*.csv"))
        if path.name != "material_map.csv"
    }


def table_shares(data_dir: Path = DATA_DIR) -> dict[str, Share]:
    """The cited share of each shipped factor table, by file name.

    Examples
    --------
    >>> shares = table_shares()
    >>> sum(shares.values(), Share(0, 0, 0, 0)).total > 100
    True
    """
    return {
        name: share_of(
            (f.id, f.source, f.year, f.valid_from.isoformat() if f.valid_from else "", f.note)
            for f in rows
        )
        for name, rows in table_factors(data_dir).items()
    }
