"""Lazy exports: a package's public names imported from their modules on first use.

A package lists ``name -> "module"`` (or ``"module:attribute"`` when the exported
name differs) and gets a module-level ``__getattr__`` and ``__dir__`` (PEP 562), so
that importing the package stays light and each submodule loads when first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: Mapping[str, str], namespace: MutableMapping[str, Any]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of a package whose names load on first use.

    A name once loaded is stored in ``namespace`` (the package's ``globals()``), so
    ``__getattr__`` runs once per name; ``__dir__`` lists ``namespace["__all__"]``
    (default: the exported names).

    Examples
    --------
    >>> namespace = {}
    >>> exports = {"Fraction": "fractions", "frac": "fractions:Fraction"}
    >>> getattr_, dir_ = lazy_exports("demo", exports, namespace)
    >>> getattr_("frac")(1, 2), sorted(namespace), dir_()
    (Fraction(1, 2), ['frac'], ['Fraction', 'frac'])
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'demo' has no attribute 'nothing'
    """

    def __getattr__(name: str) -> Any:
        target = exports.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        value = getattr(importlib.import_module(module), attribute or name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(namespace.get("__all__", exports))

    return __getattr__, __dir__
