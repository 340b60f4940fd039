"""How many central factor values cite a publication rather than our own estimate."""

from datetime import date

from symbiose.impact.calc.factors import load_factors

#: Recorded floor of the cited share; raise it when estimates are replaced by publications.
#: The target set in issue 16 is 0.70.
FLOOR = 0.45


def cited_share() -> tuple[int, int]:
    """(cited, total) over the central values in force: one per id (ids without
    ``.low``/``.high``), the row with the latest ``valid_from``, so keeping an old row beside
    its cited successor neither counts twice nor hides the estimate it replaced."""
    latest: dict = {}
    for f in load_factors():
        if f.id.endswith((".low", ".high")):
            continue
        start = f.valid_from or date.min
        if f.id not in latest or start >= (latest[f.id].valid_from or date.min):
            latest[f.id] = f
    central = list(latest.values())
    ours = [f for f in central if f.source.startswith(("Symbiose estimate", "Symbiose assumption"))]
    return len(central) - len(ours), len(central)


def test_the_cited_share_of_central_values_does_not_fall():
    cited, total = cited_share()
    assert total > 100
    assert cited / total >= FLOOR, f"{cited}/{total} = {cited / total:.0%} cite a publication"


def test_every_estimate_gives_its_reasoning():
    for factor in load_factors():
        if factor.id.endswith((".low", ".high")):
            continue
        if factor.source.startswith("Symbiose estimate"):
            reasoning = factor.source.removeprefix("Symbiose estimate").strip(" :")
            assert reasoning or factor.note, factor.id
