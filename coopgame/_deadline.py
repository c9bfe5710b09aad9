"""Abandon a long pure-Python computation (a sympy Groebner basis, say) at a deadline.

sympy's polynomial algorithms never look at a clock, so a solver that promises
``max_seconds`` must be able to interrupt them from outside. :func:`time_box` does it
with a timer thread that raises :class:`DeadlineExceeded` *in the computing thread*
(CPython's ``PyThreadState_SetAsyncExc``): unlike ``SIGALRM`` this works in any thread
and on every operating system, and unlike a worker process it needs no pickling of
sympy objects nor a process start per call. The exception arrives at the next Python
bytecode, so a computation is interrupted within milliseconds unless it sits in one
long C call (big-integer arithmetic; never for long at the sizes solved here).

:class:`DeadlineExceeded` derives from :class:`BaseException`, so that the
``except Exception`` clauses inside sympy do not swallow it.
"""

from __future__ import annotations

import contextlib
import ctypes
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["DeadlineExceeded", "time_box", "time_limit"]


class DeadlineExceeded(BaseException):
    """The computation inside :func:`time_box` was interrupted at its deadline."""


def _can_interrupt() -> bool:
    """``PyThreadState_SetAsyncExc`` exists on CPython only (not on PyPy)."""
    return hasattr(ctypes, "pythonapi") and hasattr(ctypes.pythonapi, "PyThreadState_SetAsyncExc")


@contextmanager
def time_box(deadline: float | None) -> Iterator[None]:
    """Raise :class:`DeadlineExceeded` inside the ``with`` block once ``time.monotonic()``
    passes ``deadline`` (``None``: no limit).

    The caller catches :class:`DeadlineExceeded` around the ``with`` statement (the
    exception may arrive while the block is being left). Where threads cannot be
    interrupted (not CPython) the block runs to its end and only an expired deadline
    on entry raises.

    Examples
    --------
    >>> import time
    >>> try:
    ...     with time_box(time.monotonic() + 0.05):
    ...         while True:
    ...             pass
    ... except DeadlineExceeded:
    ...     print("stopped")
    stopped
    >>> with time_box(None):
    ...     print(sum(range(4)))
    6
    """
    if deadline is None:
        yield
        return
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise DeadlineExceeded
    if not _can_interrupt():
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}
    set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc

    def fire() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                set_async_exc(ctypes.c_ulong(target), ctypes.py_object(DeadlineExceeded))

    timer = threading.Timer(remaining, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        # the exception may be pending but not yet delivered: withdraw it under the lock,
        # so that it cannot surface later in unrelated code
        with lock:
            state["active"] = False
            if state["fired"]:
                set_async_exc(ctypes.c_ulong(target), None)
        timer.cancel()


def time_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """:func:`time_box` with a deadline ``seconds`` from now (``None``: no limit).

    Examples
    --------
    >>> with time_limit(5):
    ...     print("done")
    done
    """
    return time_box(None if seconds is None else time.monotonic() + seconds)
