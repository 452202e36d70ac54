"""`hanlin digest list` and `hanlin audit` output, id prefixes, and errors, run in-process through `indexer.cli.main`."""

from __future__ import annotations

import json

from indexer.cli import main
from userdata.digest.store import DigestStore


def test_list_and_audit_on_a_machine_without_a_user_database_create_nothing(tmp_path, capsys):
    user = tmp_path / "user"
    assert main(["digest", "list", "--user-dir", str(user)]) == 0
    assert main(["audit", "--user-dir", str(user), "--json"]) == 0
    out = capsys.readouterr().out
    assert "no digests" in out and out.rstrip().endswith("[]") and not user.exists()


def test_list_shows_digests_and_export_takes_a_unique_prefix(tmp_path, capsys):
    store = DigestStore(tmp_path)
    try:
        digest = store.create_digest("科技安全专题摘编", issue="2025年第8期", mark="内部")
        store.add_commentary(store.add_section(digest.id, "一").id, body_text="编者按")
        store.delete_digest(store.create_digest("旧稿").id)
    finally:
        store.close()
    assert main(["digest", "list", "--user-dir", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert f"{digest.id}  【内部】科技安全专题摘编  2025年第8期  1 条 items" in text and "旧稿" not in text
    assert main(["digest", "list", "--user-dir", str(tmp_path), "--json", "--deleted"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["title"], r["deleted"], r["items"]) for r in rows} == {("科技安全专题摘编", False, 1), ("旧稿", True, 0)}

    out = tmp_path / "摘编.md"
    assert main(["digest", "export", digest.id[:6], "--format", "md", "-o", str(out), "--user-dir", str(tmp_path)]) == 0
    assert "已导出 exported" in capsys.readouterr().out and "编者按" in out.read_text(encoding="utf-8")
    assert main(["audit", "--user-dir", str(tmp_path)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("1\t") and "\tmd\t【内部】科技安全专题摘编" in line and str(out) in line


def test_unknown_or_ambiguous_id_exits_6(tmp_path, capsys):
    DigestStore(tmp_path).close()
    assert main(["digest", "export", "nope", "--format", "md", "-o", str(tmp_path / "x.md"),
                 "--user-dir", str(tmp_path)]) == 6
    assert "no digest with id nope" in capsys.readouterr().err
    assert not (tmp_path / "x.md").exists()
