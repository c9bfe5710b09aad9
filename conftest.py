"""Names every doctest may use without importing them."""

from fractions import Fraction

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _doctest_namespace(doctest_namespace: dict) -> None:
    doctest_namespace["Fraction"] = Fraction
    doctest_namespace["np"] = np
