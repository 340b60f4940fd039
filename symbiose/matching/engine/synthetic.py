"""A generator of synthetic but realistic registries for scale benchmarks.

Streams get categories in realistic shares, thesaurus-based Norwegian or English titles with
qualifiers, optional EWC codes, quantities, temperatures and locations spread around Norwegian
industrial towns. Deterministic for a given seed.

Examples
--------
>>> s = synthetic_streams(10, seed=1)
>>> len(s), {x.direction for x in s} == {"offer", "need"}
(10, True)
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from symbiose.taxonomy.categories import CATEGORIES
from symbiose.taxonomy.materials import load_materials

from .types import StreamInput

TOWNS = [
    ("Oslo", 59.91, 10.75), ("Bergen", 60.39, 5.32), ("Trondheim", 63.43, 10.39),
    ("Stavanger", 58.97, 5.73), ("Kristiansand", 58.15, 8.00), ("Porsgrunn", 59.14, 9.66),
    ("Fredrikstad", 59.22, 10.93), ("Mo i Rana", 66.31, 14.14), ("Sauda", 59.65, 6.35),
    ("Karmøy", 59.34, 5.30), ("Sunndalsøra", 62.68, 8.55), ("Årdal", 61.24, 7.70),
    ("Mosjøen", 65.84, 13.19), ("Tromsø", 69.65, 18.96), ("Bodø", 67.28, 14.40),
    ("Ålesund", 62.47, 6.15), ("Molde", 62.74, 7.16), ("Hammerfest", 70.66, 23.68),
    ("Kvinesdal", 58.31, 6.96), ("Sarpsborg", 59.28, 11.11), ("Hamar", 60.79, 11.07),
    ("Gjøvik", 60.80, 10.69), ("Drammen", 59.74, 10.20), ("Skien", 59.21, 9.61),
    ("Høyanger", 61.22, 6.07), ("Husnes", 59.87, 5.76), ("Odda", 60.07, 6.55),
    ("Orkanger", 63.31, 9.85), ("Levanger", 63.75, 11.30), ("Narvik", 68.44, 17.43),
    ("Alta", 69.97, 23.27), ("Kirkenes", 69.73, 30.05), ("Lillehammer", 61.12, 10.47),
    ("Kongsberg", 59.67, 9.65), ("Arendal", 58.46, 8.77), ("Haugesund", 59.41, 5.27),
    ("Florø", 61.60, 5.03), ("Steinkjer", 64.01, 11.50), ("Elnesvågen", 62.85, 7.14),
    ("Lista", 58.10, 6.65),
]  # fmt: skip
SHARES = [("material", 0.70), ("heat", 0.10), ("water", 0.05), ("gas", 0.05), ("cold", 0.02),
          ("service", 0.08)]  # fmt: skip
UNITS = {c.key: c.canonical_unit for c in CATEGORIES}
QUAL_NB = ["ren", "tørr", "våt", "sortert", "knust", "blandet", "avvannet", "fraksjon 0-32 mm",
           "med lavt kloridinnhold", "fra produksjon", "fra rensing", "jevn kvalitet"]  # fmt: skip
QUAL_EN = ["clean", "dry", "wet", "sorted", "crushed", "mixed", "dewatered", "0-32 mm fraction",
           "low chloride", "from production", "from treatment", "steady quality"]  # fmt: skip
NEED_NB = ["Søker {t} til {u}", "Trenger {t}", "Ønsker {t} som råvare", "{t} til {u}"]
NEED_EN = ["Looking for {t} for {u}", "Need {t}", "{t} wanted as raw material", "{t} for {u}"]
OFFER_NB = ["{t} {q}", "Overskudd av {t}", "{t} fra {town}", "{t}, {q}"]
OFFER_EN = ["{t}, {q}", "Surplus {t}", "{t} from {town}", "{q} {t}"]


def synthetic_streams(n: int, seed: int = 0, unclassified_share: float = 0.02) -> list[StreamInput]:
    """Return ``n`` streams (about half offers) from ``n // 5`` organisations."""
    rng = random.Random(seed)
    by_cat: dict[str, list] = {}
    for m in load_materials():
        if m.terms_en and m.terms_nb:
            by_cat.setdefault(m.category, []).append(m)
    cats = [c for c, _ in SHARES]
    weights = [w for _, w in SHARES]
    n_orgs = max(2, n // 5)
    org_town = [rng.randrange(len(TOWNS)) for _ in range(n_orgs)]
    out = []
    for i in range(n):
        cat = rng.choices(cats, weights)[0]
        m = rng.choice(by_cat[cat])
        direction = "offer" if rng.random() < 0.5 else "need"
        org = rng.randrange(n_orgs)
        town, lat, lon = TOWNS[org_town[org]]
        nb = rng.random() < 0.5
        term = rng.choice(m.terms_nb if nb else m.terms_en).lstrip("*").rstrip("=")
        use_terms = [t for u in m.used_by for t in (u.terms_nb if nb else u.terms_en)]
        use = rng.choice(use_terms) if use_terms else ("produksjon" if nb else "production")
        q = rng.choice(QUAL_NB if nb else QUAL_EN)
        if rng.random() < unclassified_share:
            title = f"{'Restprodukt' if nb else 'Residue'} {rng.randrange(1000)} {q}"
        elif direction == "need":
            title = rng.choice(NEED_NB if nb else NEED_EN).format(t=term, u=use)
        else:
            title = rng.choice(OFFER_NB if nb else OFFER_EN).format(t=term, q=q, town=town)
        desc = f"{rng.choice(QUAL_EN if nb else QUAL_NB)} {use} #{rng.randrange(10_000)}"
        codes = [c for c in m.ewc if len(c) == 6]
        ewc = rng.choice(codes) if codes and rng.random() < 0.6 else None
        temp = None
        if cat == "heat":
            temp = float(rng.choice([25, 35, 45, 60, 80, 95, 120, 180]))
        elif cat == "cold":
            temp = float(rng.choice([-30, -10, 2, 6, 10]))
        haz = cat == "material" and direction == "offer" and rng.random() < 0.1
        out.append(StreamInput(
            ref=f"s{i}", org_ref=f"org{org}", direction=direction, category=cat, title=title,
            description=desc, ewc_code=ewc, quantity=round(rng.lognormvariate(7, 1.5), 1),
            unit=UNITS[cat], temperature_c=temp, hazardous=haz,
            accepts_hazardous=direction == "need" and rng.random() < 0.15,
            lat=lat + rng.gauss(0, 0.08), lon=lon + rng.gauss(0, 0.15),
        ))  # fmt: skip
    return out


#: The listing-template columns :func:`write_listing` fills.
LISTING_STREAM_COLUMNS = ["ref", "organisation_ref", "direction", "category", "title",
                          "description", "ewc_code", "quantity", "unit", "period",
                          "temperature_c", "visibility"]  # fmt: skip


def write_listing(folder: Path, n: int, seed: int = 7) -> None:
    """Write ``n`` synthetic streams as the listing template's organisations.csv and
    streams.csv in ``folder``, for ``symbiose import`` in tests and benchmarks."""
    streams = synthetic_streams(n, seed=seed)
    orgs = {s.org_ref: s for s in streams}
    with (folder / "organisations.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["ref", "name", "country", "lat", "lon"])
        for ref, s in orgs.items():
            w.writerow([ref.upper(), f"Synthetic {ref}", "NO", round(s.lat, 4), round(s.lon, 4)])
    with (folder / "streams.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(LISTING_STREAM_COLUMNS)
        for s in streams:
            w.writerow([s.ref.upper(), s.org_ref.upper(), s.direction, s.category, s.title,
                        s.description, s.ewc_code or "", s.quantity, s.unit.split("/")[0], "year",
                        "" if s.temperature_c is None else s.temperature_c, "public"])  # fmt: skip
