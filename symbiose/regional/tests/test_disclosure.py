"""Small-group suppression (pure): no shown cell or total gives away one company's value."""

from __future__ import annotations

import random

import pytest

from symbiose.regional.disclosure import DOMINANCE, MIN_ORGANISATIONS, cell, primary_reason, protect


def test_a_cell_with_fewer_than_three_organisations_is_not_shown():
    c = cell({"a": 10.0, "b": 20.0})
    assert (c.value, c.reason, c.organisations) == (None, "few", 2)
    assert cell({"a": 10.0, "b": 20.0, "c": 30.0}).value == 60.0


def test_an_amount_dominated_by_one_organisation_is_not_shown_but_a_count_is():
    contributions = {"a": 1000.0, "b": 10.0, "c": 10.0}
    assert primary_reason(contributions) == "dominant"
    assert primary_reason(contributions, amounts=False) == ""
    share = 1000.0 / 1020.0
    assert share > DOMINANCE


def test_a_zero_stated_value_still_counts_as_a_contributor():
    assert cell({"a": 0.0, "b": 0.0, "c": 5.0}, amounts=False).value == 5.0


def test_a_lone_small_cell_takes_a_neighbour_with_it_so_the_total_does_not_reveal_it():
    table = {"slag": {1: 5.0, 2: 7.0, 3: 9.0}, "dust": {4: 2.0}, "ash": {5: 3.0, 6: 4.0, 7: 5.0}}
    cells, total = protect(table)
    assert not cells["dust"].shown and cells["dust"].reason == "few"
    hidden = [k for k, c in cells.items() if not c.shown]
    assert len(hidden) == 2 and total.shown and total.value == 35.0
    assert cells["ash"].reason == "secondary"  # the smallest shown cell (12 < 21)


def test_the_total_is_hidden_when_nothing_can_protect_a_small_cell():
    cells, total = protect({"slag": {1: 5.0}, "dust": {1: 2.0, 2: 1.0}})
    assert not total.shown and not any(c.shown for c in cells.values())


@pytest.mark.parametrize("seed", range(40))
def test_no_random_table_lets_a_hidden_group_be_worked_out_from_the_total(seed):
    rng = random.Random(seed)
    table = {
        f"row{i}": {rng.randrange(8): rng.uniform(0, 100) for _j in range(rng.randrange(1, 6))}
        for i in range(rng.randrange(1, 7))
    }
    cells, total = protect(table)
    for key, c in cells.items():
        if c.shown:
            assert len(table[key]) >= MIN_ORGANISATIONS
            assert not primary_reason(table[key])
            assert c.value == pytest.approx(sum(table[key].values()))
    hidden = [k for k, c in cells.items() if not c.shown]
    if total.shown and hidden:
        merged: dict = {}
        for k in hidden:
            for org, v in table[k].items():
                merged[org] = merged.get(org, 0.0) + v
        assert not primary_reason(merged), (table, hidden)
