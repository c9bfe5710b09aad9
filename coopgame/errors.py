"""The root of coopgame's errors.

Every error the package raises is a :class:`CoopgameError`, so ``except CoopgameError``
catches any problem coopgame reports, and, since it is a :class:`ValueError`, code that
already catches ``ValueError`` keeps working. Each family defines its own subclasses
(:class:`coopgame.GameError`, :class:`coopgame.repeated.RepeatedGameError`, ...), named in
the family's ``__all__``.

Examples
--------
>>> from coopgame import Game, CoopgameError
>>> try:
...     Game.bimatrix([[1, 2]], [[1]])
... except CoopgameError as exc:
...     print(type(exc).__name__, isinstance(exc, ValueError))
GameError True
"""

from __future__ import annotations

__all__ = ["CoopgameError"]


class CoopgameError(ValueError):
    """A problem coopgame reports: bad input, or a question that cannot be answered as asked."""
