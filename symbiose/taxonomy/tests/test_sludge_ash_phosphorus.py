"""Ash from burning sewage sludge on its own goes to phosphorus recovery (issue 12, class 2).

Mono-incinerated sewage sludge leaves an ash that holds most of the sludge's phosphorus;
it is leached or treated thermally into phosphoric acid or fertiliser (sources in
``data/README.md``). Read as plain fly ash it had only the uses of coal ash (cement,
concrete, fill), so a fertiliser maker or a phosphorus-recovery plant never met it.
"""

from __future__ import annotations

import pytest

from symbiose.matching.engine import MatchEngine
from symbiose.matching.engine.tests.conftest import make
from symbiose.taxonomy.classify import classify
from symbiose.taxonomy.legal import class_uses
from symbiose.taxonomy.materials import ancestors


@pytest.mark.parametrize(
    "text",
    ["Sewage sludge ash", "Slamaske fra monoforbrenning", "Klärschlammasche",
     "Cendres de boues d'épuration", "Cenizas de lodos de depuradora", "Lietetuhka"],
)  # fmt: skip
def test_sewage_sludge_ash_is_its_own_kind_of_fly_ash(text):
    assert ancestors(classify(text).classes[0].class_id)[:2] == ("ash_sewage_sludge", "ash_fly")


def test_sewage_sludge_ash_serves_phosphorus_recovery_and_coal_fly_ash_does_not():
    assert "fertiliser_production" in class_uses("ash_sewage_sludge")
    assert "cement" in class_uses("ash_sewage_sludge")  # what fly ash serves, it serves too
    assert "fertiliser_production" not in class_uses("ash_fly")


def test_a_phosphorus_recovery_need_takes_sludge_ash_before_coal_fly_ash():
    streams = [make("ssa", "offer", "Klärschlammasche aus der Monoverbrennung"),
               make("pfa", "offer", "Coal fly ash"),
               make("p", "need", "Raw material for phosphorus recovery")]  # fmt: skip
    got = MatchEngine(streams).candidates_for("p", top_n=5)
    assert [m.offer_ref for m in got][:1] == ["ssa"] and got[0].feasible
    assert "pfa" not in [m.offer_ref for m in got if m.feasible]
