"""Pair values for list pages: stored by task workers, read by requests, never leaking.

Valuing a pair costs about 2 ms (classifying both streams, the factor look-ups, the business
case); a matches page values 20 pairs, a hub's match list thousands. Task workers therefore
value every stored candidate ahead of time (:mod:`symbiose.impact.valuing`) and pages read
the result (:class:`PageValues`).

**Confidentiality.** A value depends on the streams' fields that the viewer may see and on
nothing else about the viewer: :func:`symbiose.impact.adapter.assess_pair` replaces every
hidden input. So a value is stored per *view*, the set of fields hidden on each side
(:func:`view_key`), and a page uses a stored value only when the viewer's own hidden fields
give the same key. Anyone else's value is computed in the request exactly as before. A
stored value is used only while its *stamp* (:func:`stamp`) equals the current one: both
streams and organisations unchanged, the offer's analysis unchanged, the same factors valid
today and the same code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.db.models import Count, Max, prefetch_related_objects
from django.utils.translation import gettext

from symbiose import codeversion
from symbiose.impact.adapter import PairImpact, factor_set, try_assess_pair
from symbiose.impact.calc.factors import FactorSet
from symbiose.impact.calc.types import Estimate, Note
from symbiose.impact.display import display, shown
from symbiose.impact.models import PairValue
from symbiose.registry import access
from symbiose.registry.models import Stream

#: Stream ids per query (SQLite allows 32 766 parameters).
CHUNK = 5000
#: Code and data a value is computed from: a change to any of them makes stored values stale.
SOURCES = ("impact", "taxonomy", "matching/engine", "matching/adapter.py", "resources/access.py")


def view_key(offer_hidden: Collection[str], need_hidden: Collection[str]) -> str:
    """The view a value is computed for: the fields hidden on each side.

    >>> view_key({"price", "quantity"}, ())
    'o:price,quantity|n:'
    """
    return f"o:{','.join(sorted(offer_hidden))}|n:{','.join(sorted(need_hidden))}"


#: Hidden fields that change no value of a pair: the need's analysis (only the offer's
#: composition rows are read) and the offer's when it has no rows (every stream marks it).
INERT = frozenset({"analysis"})


def value_view(offer_hidden: Collection[str], need_hidden: Collection[str], *,
               analysed: bool) -> str:  # fmt: skip
    """The :func:`view_key` of the hidden fields that can change the pair's value (``analysed``:
    the offer has composition rows). Pages and workers both key values by it, so the common
    case (both streams marking only their analysis) is one view instead of three.

    >>> value_view({"analysis"}, {"analysis", "quantity"}, analysed=False)
    'o:|n:quantity'
    >>> value_view({"analysis"}, (), analysed=True)
    'o:analysis|n:'
    """
    offer = frozenset(offer_hidden) - (frozenset() if analysed else INERT)
    return view_key(offer, frozenset(need_hidden) - INERT)


def hidden_of(key: str) -> tuple[frozenset[str], frozenset[str]]:
    """The hidden fields of each side in a :func:`view_key`.

    >>> offer, need = hidden_of("o:price,quantity|n:")
    >>> sorted(offer), sorted(need)
    (['price', 'quantity'], [])
    """
    offer, need = key.split("|")
    return (frozenset(filter(None, offer[2:].split(","))),
            frozenset(filter(None, need[2:].split(","))))  # fmt: skip


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code and data files that values are computed from (read once; the
    shared :func:`symbiose.codeversion.tree_version`)."""
    return codeversion.tree_version(Path(__file__).resolve().parents[1], SOURCES)


def today() -> date:
    """The day whose factors values are computed with (the calculators' ``date.today()``);
    one name, so a test can move the clock."""
    return date.today()


def factors_version(factors: FactorSet, on: date | None = None) -> str:
    """The factors valid on ``on`` (default today) and the code, as a short hash."""
    day = on or today()
    rows = sorted((f.id, f.region, f.version, f.value, f.unit, str(f.valid_from))
                  for f in factors if f.valid_on(day))  # fmt: skip
    return hashlib.sha1(f"{code_version()}{rows}".encode()).hexdigest()[:12]


def next_factor_day(factors: FactorSet, on: date | None = None) -> date | None:
    """The first day after ``on`` (default today) on which other factors are valid: one
    becomes valid, or one's validity ends the day before. ``None``: no such day is known.

    Every stored value's stamp changes that day (:func:`factors_version`).
    """
    day = on or today()
    days = [f.valid_from for f in factors if f.valid_from is not None and f.valid_from > day]
    days += [f.valid_to + timedelta(days=1) for f in factors
             if f.valid_to is not None and f.valid_to >= day]  # fmt: skip
    return min(days, default=None)


def analysis_stamps(stream_ids: Iterable[int]) -> dict[int, str]:
    """Each stream's composition rows as a stamp (rows are replaced, never edited)."""
    from symbiose.resources.models import CompositionRow

    rows = (
        CompositionRow.objects.filter(stream_id__in=list(stream_ids))
        .values("stream_id")
        .annotate(n=Count("id"), last=Max("id"))
    )
    return {r["stream_id"]: f"{r['n']}.{r['last']}" for r in rows}


def stamp(offer: Stream, need: Stream, analysis: dict[int, str], version: str) -> str:
    """What a value of ``offer`` → ``need`` was computed from, as a short hash."""
    return stamp_of(version, analysis.get(offer.pk, ""),
                    (offer.updated_at, offer.organisation.updated_at),
                    (need.updated_at, need.organisation.updated_at))  # fmt: skip


def stamp_of(version: str, analysis: str, *written: tuple[datetime, datetime]) -> str:
    """:func:`stamp` from its parts: the version, the offer's analysis stamp, and when each
    stream and its organisation were last written (offer first)."""
    parts = [version, analysis]
    for stream_at, organisation_at in written:
        parts += [stream_at.isoformat(), organisation_at.isoformat()]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True)
class Headline:
    """The figures a list page shows of a valued pair, without the breakdown.

    Field names follow :class:`~symbiose.impact.calc.types.ImpactResult`, so
    :func:`~symbiose.impact.display.display` and :mod:`symbiose.impact.summary` read either.
    """

    modelled: bool
    per_unit: bool
    unit: str
    co2e_t_per_yr: Estimate
    annual_net_benefit_nok: Estimate
    worth_it: bool
    verdict: Note | None
    #: A one-off lot: the figures are the lot's, once, never per year or added to yearly ones.
    one_off: bool = False

    @property
    def result(self) -> Headline:
        """Itself: totals read ``pair.result.modelled`` of a :class:`PairImpact` too."""
        return self

    @classmethod
    def of(cls, pair: PairImpact | None) -> Headline | None:
        """The headline of a computed pair (``None``: it cannot be valued)."""
        if pair is None:
            return None
        r = pair.result
        return cls(r.modelled, pair.per_unit, r.unit, r.co2e_t_per_yr,
                   r.annual_net_benefit_nok, r.worth_it, r.verdict, r.one_off)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        est = lambda e: [e.low, e.central, e.high, e.unit]  # noqa: E731
        v = self.verdict
        return {"modelled": self.modelled, "per_unit": self.per_unit, "unit": self.unit,
                "co2": est(self.co2e_t_per_yr), "net": est(self.annual_net_benefit_nok),
                "worth_it": self.worth_it, "one_off": self.one_off,
                "verdict": [v.code, v.template, dict(v.params)] if v else None}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Headline | None:
        if data is None:
            return None
        v = data["verdict"]
        return cls(data["modelled"], data["per_unit"], data["unit"], Estimate(*data["co2"]),
                   Estimate(*data["net"]), data["worth_it"],
                   Note(v[0], v[1], v[2]) if v else None,
                   bool(data.get("one_off")))  # fmt: skip

    def card(self) -> dict[str, Any] | None:
        """What list pages show (``web/_worth.html``), in the active language."""
        if not self.modelled:
            return None
        verdict = None
        if self.verdict is not None:
            # Two significant figures, as on the pair's own page (PairImpact.to_dict).
            params = shown(self.verdict.params, significant=True)
            verdict = {"text": gettext(self.verdict.template).format(**params)}
        return {"modelled": True, "display": display(self), "per_unit": self.per_unit,
                "worth_it": self.worth_it, "verdict": verdict, "one_off": self.one_off,
                "annual_net_benefit_nok": self.annual_net_benefit_nok.to_dict()}  # fmt: skip


class PageValues:
    """Values of many pairs for one viewer: stored ones when current, else computed here.

    Call :meth:`load` with every pair the page needs (one query for the stored values, one
    for the offers' analyses), then :meth:`get` per pair. ``computed`` counts the pairs that
    had to be valued in the request.
    """

    def __init__(self, viewer: Any, factors: FactorSet | None = None) -> None:
        self.viewer = access.viewer_for(viewer)
        self.factors = factors if factors is not None else factor_set()
        self.version = factors_version(self.factors)
        self.rows: dict[tuple[int, int, str], tuple[str, Any]] = {}
        self.analysis: dict[int, str] = {}
        self.computed = 0

    def load(self, pairs: Iterable[tuple[Stream, Stream]]) -> PageValues:
        pairs = list(pairs)
        offers = {o.pk for o, _n in pairs}
        needs = sorted({n.pk for _o, n in pairs})
        wanted = {(o.pk, n.pk) for o, n in pairs}
        ids = sorted(offers)
        for part in (ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)):
            self.analysis.update(analysis_stamps(part))
            narrow = {"need_id__in": needs} if len(needs) <= CHUNK else {}
            found = PairValue.objects.filter(offer_id__in=part, **narrow).values_list(
                "offer_id", "need_id", "view", "stamp", "data"
            )
            for offer_id, need_id, view, st, data in found.iterator(chunk_size=2000):
                if (offer_id, need_id) in wanted:
                    self.rows[offer_id, need_id, view] = (st, data)
        self._prefetch_analyses([o for o, _n in pairs])
        return self

    def _prefetch_analyses(self, offers: list[Stream]) -> None:
        """Give each offer its analysis rows (most have none: an empty result, no query), so
        pairs valued in the request do not ask for them one offer at a time."""
        from symbiose.resources.models import CompositionRow

        analysed = [o for o in offers if o.pk in self.analysis]
        for part in (analysed[i : i + CHUNK] for i in range(0, len(analysed), CHUNK)):
            prefetch_related_objects(part, "composition_rows")
        none = CompositionRow.objects.none()  # one empty result for all (a query set costs)
        for offer in offers:
            if offer.pk not in self.analysis:
                cache = offer.__dict__.setdefault("_prefetched_objects_cache", {})
                cache.setdefault("composition_rows", none)

    def get(self, offer: Stream, need: Stream) -> Headline | None:
        """What the pair is worth as this viewer may see it (``None``: cannot be valued)."""
        key = value_view(access.hidden_fields(self.viewer, offer),
                         access.hidden_fields(self.viewer, need),
                         analysed=offer.pk in self.analysis)  # fmt: skip
        found = self.rows.get((offer.pk, need.pk, key))
        if found is not None and found[0] == stamp(offer, need, self.analysis, self.version):
            return Headline.from_json(found[1])
        self.computed += 1
        pair = try_assess_pair(offer, need, viewer=self.viewer, factors=self.factors)
        return Headline.of(pair)
