"""Every setting of the app in one typed registry, with defaults, over `QSettings`.

    settings = Settings()                 # the user's settings (INI file, user scope)
    settings.language                      # 'zh_CN' until changed
    settings.history = ["科技安全", ...]

Each `Setting` names its key, its type and its default; a value that is missing or cannot
be read as that type gives the default. `VERSION` is stored too, and `_upgrade` moves
values of older versions forward (as Picard's config does).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting: its QSettings key, type and default (lists and dicts are stored as JSON)."""

    key: str
    kind: type
    default: T

    def __set_name__(self, owner, name: str) -> None:
        owner.REGISTRY[name] = self

    def __get__(self, settings: Settings | None, owner=None) -> T:
        if settings is None:
            return self  # type: ignore[return-value]
        return settings.get(self)

    def __set__(self, settings: Settings, value: T) -> None:
        settings.put(self, value)


class Settings:
    """The app's settings; pass a `QSettings` to use another store (tests use a temporary file)."""

    VERSION = 1
    REGISTRY: ClassVar[dict[str, Setting]] = {}

    language = Setting("ui/language", str, "zh_CN")
    last_library = Setting("library/last", str, "")
    recent_libraries: Setting[list[str]] = Setting("library/recent", list, [])
    #: The name notes are signed with (and exports print); '' until the user gives one.
    author_name = Setting("notes/author", str, "")
    author_asked = Setting("notes/author_asked", bool, False)
    history: Setting[list[str]] = Setting("search/history", list, [])
    sort = Setting("search/sort", str, "relevance")
    zoom = Setting("reader/zoom", float, 1.25)
    fit_width = Setting("reader/fit_width", bool, True)  # on: the zoom follows the view's width
    geometry = Setting("window/geometry", QByteArray, QByteArray())
    window_state = Setting("window/state", QByteArray, QByteArray())
    splitter = Setting("window/splitter", QByteArray, QByteArray())
    reader_splitter = Setting("reader/splitter", QByteArray, QByteArray())
    digest_current = Setting("digest/current", str, "")
    digest_splitter = Setting("digest/splitter", QByteArray, QByteArray())
    export_folder = Setting("digest/export_folder", str, "")
    export_format = Setting("digest/export_format", str, "docx")

    HISTORY_SIZE = 50
    RECENT_SIZE = 8

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Hanlin", "Hanlin")
        self._upgrade()

    def get(self, setting: Setting[T]) -> T:
        """The stored value, or the default when missing or unreadable."""
        raw = self.store.value(setting.key)
        if raw is None:
            return _copy(setting.default)
        try:
            return _decode(setting.kind, raw)
        except (TypeError, ValueError):
            return _copy(setting.default)

    def put(self, setting: Setting[T], value: T) -> None:
        """Store a value of the setting's type."""
        stored: object = json.dumps(value, ensure_ascii=False) if setting.kind in (list, dict) else value
        self.store.setValue(setting.key, stored)

    def reset(self, setting: Setting) -> None:
        """Forget a stored value (the default applies again)."""
        self.store.remove(setting.key)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self.store.sync()

    def remember_query(self, query: str) -> list[str]:
        """Put `query` first in the search history (no repeats, at most `HISTORY_SIZE`)."""
        query = query.strip()
        history = [q for q in self.history if q != query]
        if query:
            history.insert(0, query)
        self.history = history[: self.HISTORY_SIZE]
        return self.history

    def remember_library(self, path: str) -> list[str]:
        """Put the library folder `path` first among the recent libraries (no repeats, at most `RECENT_SIZE`)."""
        recent = [p for p in self.recent_libraries if p != path]
        recent.insert(0, path)
        self.recent_libraries = recent[: self.RECENT_SIZE]
        return self.recent_libraries

    def forget_libraries(self, paths: list[str]) -> list[str]:
        """Drop `paths` from the recent libraries."""
        self.recent_libraries = [p for p in self.recent_libraries if p not in paths]
        return self.recent_libraries

    def _upgrade(self) -> None:
        stored = self.store.value("meta/version")
        if stored is None or str(stored) != str(self.VERSION):
            # Version 1 is the first; later versions rename or convert keys here.
            self.store.setValue("meta/version", self.VERSION)


def _decode(kind: type, raw: Any) -> Any:
    if kind is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if kind in (list, dict):
        value = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(value, kind):
            raise TypeError(f"expected {kind.__name__}")
        return value
    if kind is QByteArray:
        return raw if isinstance(raw, QByteArray) else QByteArray(raw)
    return kind(raw)


def _copy(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return type(value)(value)
    return QByteArray(value) if isinstance(value, QByteArray) else value
