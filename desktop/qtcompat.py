"""Work-arounds for bugs of the Qt binding; import before any Qt call (`desktop/__init__.py` does).

PySide6/shiboken6 6.12.0 return ``None`` (every void method, every ``None`` result) and the
``True`` of `Signal.emit()` to Python without a new reference, as if those objects were immortal
— which they are from Python 3.12 on (PEP 683), but not on 3.11. On 3.11 each such call takes
one reference away, and after some thousands of calls (minutes of normal use) Python aborts:
"none_dealloc: deallocating None" or "bool_dealloc: deallocating True or False".

On Python before 3.12 `make_singletons_immortal()` raises the reference counts of ``None``,
``True`` and ``False`` by 2**40, which is what 3.12 does for them: no session makes that many
Qt calls. It writes the count field of CPython's object header, so it runs on CPython only.
"""

from __future__ import annotations

import ctypes
import platform
import sys

IMMORTAL_BOOST = 1 << 40
_boosted = False


def needs_immortal_singletons() -> bool:
    """Whether this interpreter counts references to None/True/False (CPython before 3.12)."""
    return platform.python_implementation() == "CPython" and sys.version_info < (3, 12)


def make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False once; True if it did."""
    global _boosted
    if _boosted or not needs_immortal_singletons():
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the header's first field
        refcount.value += IMMORTAL_BOOST
    _boosted = True
    return True
