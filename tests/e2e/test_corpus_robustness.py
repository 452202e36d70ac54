"""The hard cases of ../shared/corpus/robustness through `hanlin extract`: each as its README says.

One run of the command over every file (but big300.pdf, whose size the time-limit tests use):
the broken ones are named with their reason, every other one extracts text, and nothing prints
a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HANLIN = Path(sys.executable).with_name("hanlin")
FAILING = {
    "enc_user.pdf": "encrypted",
    "empty.pdf": "empty",
    "notpdf.pdf": "not_pdf",
    "truncated.pdf": "corrupt",
    "truncated_small.pdf": "corrupt",
}


def test_robustness_corpus(shared_dir: Path) -> None:
    files = sorted(p for p in (shared_dir / "corpus" / "robustness").glob("*.pdf") if p.name != "big300.pdf")
    proc = subprocess.run(
        [str(HANLIN), "extract", "--json", *map(str, files)],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    items = {Path(item["file"]).name: item for item in json.loads(proc.stdout)}
    assert items.keys() == {p.name for p in files}
    for name, item in items.items():
        if name in FAILING:
            assert item["error"]["reason"] == FAILING[name], name
            assert f"{files[0].parent / name}: " in proc.stderr
        else:
            assert "error" not in item, (name, item.get("error"))
            assert item["pages"] >= 1
            assert (
                "".join(p["text"] for d in item["documents"] for p in d["passages"]).strip()
                or item["warnings"]
            ), name
    assert len(proc.stderr.splitlines()) == len(FAILING)
