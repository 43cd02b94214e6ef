"""Redaction: modkit.redact and `modkit score --redact`."""

from __future__ import annotations

import json

import modkit
from modkit.cli.main import main
from modkit.redact import spans


def test_placeholders(engine):
    text = "Ring Eva Lund på 070-123 45 67 eller mejla eva.lund@gmail.com, pnr 811228-9874"
    assert modkit.redact(text) == "Ring [NAMN] på [TELEFON] eller mejla [E-POST], pnr [PERSONNUMMER]"


def test_address_plate_account():
    assert modkit.redact("Jag bor på Kyrkvägen 12 B.") == "Jag bor på [ADRESS]."
    assert modkit.redact("Bilen ABC 123 står på handikapplatsen") == "Bilen [REGNR] står på handikapplatsen"
    assert modkit.redact("Mitt IBAN är SE45 5000 0000 0583 9825 7466 tack") == "Mitt IBAN är [KONTO] tack"


def test_officials_and_clean_text_are_kept():
    assert modkit.redact("Kommunalrådet Anna Berg svarade i går.") == "Kommunalrådet Anna Berg svarade i går."
    assert modkit.redact("Bra jobbat med snöröjningen!") == "Bra jobbat med snöröjningen!"


def test_offsets_with_emoji_and_combining_marks(engine):
    text = "😀😀 Ring Eva Lund på 070-123 45 67 😀"
    for start, end, ph in spans(engine, text):
        assert text[start:end] in {"Eva Lund", "070-123 45 67"}
    assert modkit.redact(text) == "😀😀 Ring [NAMN] på [TELEFON] 😀"


def test_spans_do_not_overlap(engine):
    text = "Grannen Per Björkman på Vasavägen 22 har nummer 070-123 45 67"
    kept = spans(engine, text)
    for (s1, e1, _), (s2, e2, _) in zip(kept, kept[1:]):
        assert e1 <= s2


def test_verdict_keeps_the_original(engine):
    verdict = engine.moderate("Ring mig på 070-123 45 67")
    assert any(f.text == "070-123 45 67" for f in verdict.findings)


def test_score_redact(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "text": "Ring mig på 070-123 45 67, Eva Lund"}) + "\n"
                   + json.dumps({"id": "2", "text": "Bra jobbat!"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["score", str(src), "-o", str(out), "--redact", "--quiet", "--no-language"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["redacted_text"] == "Ring mig på [TELEFON], [NAMN]"
    assert rows[0]["findings"][0]["text"] == "070-123 45 67"  # the record keeps the original
    assert rows[1]["redacted_text"] == "Bra jobbat!"


def test_score_redact_csv(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "1", "text": "Mejla mig på eva.lund@gmail.com"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["score", str(src), "-o", str(out), "--redact", "--quiet", "--no-language"]) == 0
    content = out.read_text(encoding="utf-8")
    assert content.splitlines()[0].endswith(",redacted_text")
    assert "Mejla mig på [E-POST]" in content
