"""Every public function has a numpydoc docstring with a doctested example."""

from __future__ import annotations

import inspect

import pytest

import coopgame

PUBLIC_FUNCTIONS = []
for _name in coopgame.__all__:
    if _name == "__version__":
        continue
    _value = getattr(coopgame, _name)
    if inspect.isfunction(_value):
        PUBLIC_FUNCTIONS.append(_name)


@pytest.mark.parametrize("name", PUBLIC_FUNCTIONS)
def test_public_function_has_an_example(name: str) -> None:
    doc = inspect.getdoc(getattr(coopgame, name)) or ""
    assert "Examples\n--------" in doc, f"{name}: no numpydoc Examples section"
    assert ">>> " in doc, f"{name}: the Examples section has no doctest"
