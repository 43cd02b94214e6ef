"""The `modkit` command line: exit codes, bad rows, formats, stdin/stdout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from modkit.cli.main import main

from .conftest import FIXTURES, ROOT

SAMPLE = ROOT / "corpora" / "sample" / "comments.jsonl"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_score_sample_writes_one_verdict_per_row_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "verdicts.jsonl"
    assert main(["score", str(SAMPLE), "-o", str(out)]) == 0
    inputs, outputs = _rows(SAMPLE), _rows(out)
    assert [r["id"] for r in outputs] == [str(r["id"]) for r in inputs]
    for row in outputs:
        assert {"id", "categories", "action", "needs_review", "findings", "reasons"} <= set(row)
    assert any(r["action"] != "publish" for r in outputs)
    err = capsys.readouterr().err
    assert f"{len(inputs)} comments scored, 0 bad rows" in err and "comments/s" in err


def test_bad_rows_are_reported_with_line_numbers_and_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(
        "\n".join([
            json.dumps({"id": "a", "text": "hej kommunen"}),
            "{not json",
            json.dumps({"id": "b"}),
            json.dumps({"id": "c", "text": 42}),
            json.dumps(["a list"]),
            json.dumps({"id": "d", "text": "Din jävla idiot", "platform": "myspace"}),
            json.dumps({"id": "e", "text": "Din jävla idiot"}),
        ]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["score", str(data), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    for line in (2, 3, 4, 5, 6):
        assert f"in.jsonl:{line}: skipped bad row" in err
    assert "2 comments scored, 5 bad rows" in err
    assert [r["id"] for r in _rows(out)] == ["a", "e"]


def test_missing_input_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(tmp_path / "nope.jsonl")]) == 2
    assert "cannot open" in capsys.readouterr().err


def test_unusable_rule_directory_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(SAMPLE), "--rules", str(tmp_path / "missing")]) == 2
    assert "rule directory not found" in capsys.readouterr().err


def test_unknown_option_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["score", "--frobnicate"])
    assert info.value.code == 2


def test_swedish_excel_csv_with_bom_and_semicolons(tmp_path: Path) -> None:
    data = tmp_path / "export.csv"
    data.write_bytes("\ufeffKommentar-ID;Text;Plattform\n1;Hej kommunen;facebook\n2;Din jävla idiot;facebook\n".encode())
    out = tmp_path / "out.csv"
    code = main(["score", str(data), "-o", str(out), "--text-field", "Text", "--id-field", "Kommentar-ID"])
    assert code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,action,needs_review,categories")
    assert lines[1].startswith("1,publish") and lines[2].startswith("2,remove")


def test_csv_without_the_text_column_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "export.csv"
    data.write_text("id,message\n1,hej\n", encoding="utf-8")
    assert main(["score", str(data)]) == 2
    assert "no column 'text'" in capsys.readouterr().err


def test_stdin_to_stdout() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "modkit", "score", "-", "--quiet"],
        input=json.dumps({"id": "s1", "text": "Köp billiga klockor på www.x.se"}) + "\n",
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert proc.returncode == 0, proc.stderr
    row = json.loads(proc.stdout)
    assert row["id"] == "s1" and row["categories"] == ["advertising"]
    assert proc.stderr == ""


def test_check_explains_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "Din jävla idiot, jag vet var du bor"]) == 0
    out = capsys.readouterr().out
    assert "Åtgärd:" in out and "remove" in out
    assert "»" in out and "PR01" in out and "Skäl:" in out


def test_check_lists_suppressed_hits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "Att kalla invandrare för parasiter är vidrigt.", "--only-rules", str(FIXTURES / "guard_rules")]) == 0
    out = capsys.readouterr().out
    assert "Undertryckta" in out and "Motargument" in out


def test_rules_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    assert "PR01" in capsys.readouterr().out
    assert main(["rules", "test"]) == 0
    assert " 0 failed" in capsys.readouterr().out
    assert main(["rules", "lint"]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_rules_lint_rejects_catastrophic_pattern(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "slow.toml").write_text(
        '[[rule]]\ncode = "ZZ01"\nname = "advertising.slow"\ncategory = "advertising"\nseverity = "low"\n'
        'kind = "pattern"\ndescription = "Ett långsamt mönster."\npattern = \'(\\w+\\s?)+köp\'\n'
        '[rule.examples]\nmatch = ["a köp", "b köp", "c köp"]\nno_match = ["x", "y", "z"]\n',
        encoding="utf-8",
    )
    assert main(["rules", "lint", "--rules", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "ERROR ZZ01" in out and "nested quantifier" in out
