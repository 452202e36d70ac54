"""The blocks the benchmarks write into bench/README.md: text between two markers of one tag.

    <!-- bench-ingest:start -->
    …the last run's table…
    <!-- bench-ingest:end -->

Each benchmark imports this file (``sys.path`` holds bench/) and calls `write_block` with its tag.
"""

from __future__ import annotations

from pathlib import Path


def markers(tag: str) -> tuple[str, str]:
    """The start and end markers of `tag`."""
    return f"<!-- {tag}:start -->", f"<!-- {tag}:end -->"


def write_block(readme: Path, tag: str, text: str, *, after: str | None = None, heading: str | None = None) -> None:
    """Put `text` between the markers of `tag` in `readme`, replacing what stood there.

    A block not yet in the file is made right after the block of tag `after` when that one is
    there, else at the end of the file under `heading` when one is given; otherwise ValueError
    (a README whose markers were removed by hand is not written somewhere unexpected).
    """
    start, end = markers(tag)
    content = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    block = f"{start}\n{text.strip(chr(10))}\n{end}"
    if start in content and end in content:
        content = content[: content.index(start)] + block + content[content.index(end) + len(end):]
    elif after is not None and markers(after)[1] in content:
        at = content.index(markers(after)[1]) + len(markers(after)[1])
        content = content[:at] + "\n\n" + block + content[at:]
    elif heading is not None:
        content = content.rstrip("\n") + f"\n\n{heading.strip()}\n\n{block}\n"
    else:
        raise ValueError(f"{readme}: no {start} … {end} block to write into")
    readme.write_text(content, encoding="utf-8")
