"""The numpydoc examples in the calculators run and stay true."""

import doctest
import importlib

import pytest

MODULES = [
    "errors",
    "types",
    "factors",
    "co2",
    "heat",
    "money",
    "resources",
    "cases",
    "exchange",
    "material_map",
    "utilities",
    "verdict",
    "composition",
    "significant",
    "energy_recovery",
    "gas_energy",
    "moisture",
    "current_fuel",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_hold(name):
    module = importlib.import_module(f"symbiose.impact.calc.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
