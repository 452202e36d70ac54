"""Synonyms and abbreviations expanded at query time: the shipped dictionary and a library's own entries.

The dictionary (`indexer/resources/dict/synonyms.txt`, versioned by its ``# version: N`` line) holds
groups of forms, one group a line::

    国家发展和改革委员会 = 国家发展改革委 = 发改委     each form finds the others
    北大 => 北京大学                                 北大 finds 北京大学, not the reverse

A librarian's own entries use the same lines and are stored with the library (in its catalogue,
so bundles carry them: `indexer.library.library.Library.set_synonyms`). Nothing here touches the
index: a query's words are looked up (`Synonyms.lookup`) and the search also looks for the
alternatives, so editing either list needs no re-indexing. No Whoosh here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from indexer.errors import QuerySyntaxError
from indexer.search import analysis

SYNONYMS_FILE = analysis.DICT_DIR / "synonyms.txt"
_VERSION = re.compile(r"^#\s*version:\s*(\d+)", re.MULTILINE)
#: Longest key looked up, in query words (洛克希德 马丁 is two).
MAX_KEY_WORDS = 6
#: Most forms a line may hold, and longest form (characters): a line is a group, not a text.
MAX_FORMS = 12
MAX_FORM_CHARS = 40


@dataclass(frozen=True)
class Entry:
    """One line: `sources` find `targets` (for ``=`` lines both are every form of the group)."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]


class Synonyms:
    """Groups of forms, looked up by a form's query words (`analysis.query_words`)."""

    def __init__(self, entries: list[Entry], version: int = 0) -> None:
        self.version = version
        self.entries = entries
        self._by_key: dict[tuple[str, ...], list[str]] = {}
        for entry in entries:
            for source in entry.sources:
                key = tuple(analysis.query_words(source))
                if not key or len(key) > MAX_KEY_WORDS:
                    continue
                known = self._by_key.setdefault(key, [])
                for target in entry.targets:
                    if analysis.squeeze(target) != analysis.squeeze(source) and target not in known:
                        known.append(target)

    def lookup(self, words: tuple[str, ...]) -> list[str]:
        """The forms that `words` (a form's query words, folded) also finds; [] when none."""
        return list(self._by_key.get(words, ()))

    def merged(self, other: Synonyms) -> Synonyms:
        """These entries and `other`'s (a library's own added to the shipped dictionary)."""
        return Synonyms(self.entries + other.entries, self.version)

    def __len__(self) -> int:
        return len(self.entries)


def parse_entries(text: str, *, strict: bool = False) -> list[Entry]:
    """The entries of a synonyms text; a malformed line is skipped, or with `strict` refused
    with a `QuerySyntaxError` naming it (a librarian's entry is checked when added)."""
    entries = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        entry = _entry(line)
        if entry is None:
            if strict:
                raise QuerySyntaxError(f"第 {number} 行无法理解：{raw.strip()}；应写作“甲 = 乙”或“甲 => 乙” "
                                       f"(line {number} is not a synonym entry: write 'A = B' or 'A => B')")
            continue
        entries.append(entry)
    return entries


def _entry(line: str) -> Entry | None:
    if line.count("=>") > 1:
        return None
    head, arrow, tail = line.partition("=>")
    sources = _forms(head)
    targets = _forms(tail) if arrow else sources
    if not sources or not targets or (not arrow and len(sources) < 2):
        return None
    if len(sources) + (len(targets) if arrow else 0) > MAX_FORMS:
        return None
    if any(len(f) > MAX_FORM_CHARS for f in sources + targets):
        return None
    return Entry(sources, targets)


def _forms(part: str) -> tuple[str, ...]:
    forms = tuple(" ".join(analysis.fold(f).split()) for f in part.split("="))
    if any(not analysis.query_words(f) for f in forms):
        return ()
    return tuple(dict.fromkeys(forms))


def file_version(text: str) -> int:
    """The ``# version: N`` of a synonyms text (0 when it has none)."""
    m = _VERSION.search(text)
    return int(m.group(1)) if m else 0


@lru_cache(maxsize=1)
def shipped() -> Synonyms:
    """The dictionary shipped with Hanlin (`SYNONYMS_FILE`)."""
    if not SYNONYMS_FILE.exists():
        return Synonyms([])
    text = SYNONYMS_FILE.read_text(encoding="utf-8")
    return Synonyms(parse_entries(text), file_version(text))


@lru_cache(maxsize=8)
def with_library(own: str) -> Synonyms:
    """The shipped dictionary with a library's own entries (`own`: their text, possibly empty)."""
    if not own.strip():
        return shipped()
    return shipped().merged(Synonyms(parse_entries(own)))
