"""Times as the GUI shows them: stored ISO 8601 stamps (UTC) in this machine's time zone."""

from __future__ import annotations

import datetime as dt


def local_time(iso: str, fmt: str = "%Y-%m-%d %H:%M", unreadable: str | None = None) -> str:
    """An ISO 8601 time in this machine's time zone, formatted with `fmt`.

    An unreadable time is shown as `unreadable`, or as given when that is None.
    """
    try:
        return dt.datetime.fromisoformat(iso).astimezone().strftime(fmt)
    except ValueError:
        return iso if unreadable is None else unreadable
