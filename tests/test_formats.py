"""Platform exports in: each fixture follows its platform's documented structure and
scores to the expected verdicts; threads keep parent ids; broken files name file and position."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from modkit import Comment, InputError
from modkit.cli.main import main
from modkit.io.formats import detect_format, open_comments
from modkit.io.formats._jsonstream import JsonStream
from modkit.io.readers import BadRow

from .conftest import FIXTURES

FORMATS_DIR = FIXTURES / "formats"
EXPECTED = json.loads((FORMATS_DIR / "expected.json").read_text(encoding="utf-8"))


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_is_detected_and_scores_to_the_expected_verdicts(name: str, tmp_path: Path) -> None:
    spec = EXPECTED[name]
    path = FORMATS_DIR / name
    out = tmp_path / "out.jsonl"
    assert main(["score", str(path), "-o", str(out), "--no-language", "--quiet", *spec["args"]]) == 0
    verdicts = _rows(out)
    assert [v["id"] for v in verdicts] == [c[0] for c in spec["comments"]]
    for verdict, (cid, _parent, action, categories) in zip(verdicts, spec["comments"], strict=True):
        assert verdict["action"] == action, (cid, verdict["reasons"])
        assert set(categories) <= set(verdict["categories"]), (cid, verdict["categories"])
        if not categories:
            assert verdict["categories"] == []

    text_field = spec["args"][1] if spec["args"] else "text"
    id_field = spec["args"][3] if spec["args"] else "id"
    with open_comments(str(path), text_field=text_field, id_field=id_field) as source:
        assert source.format == spec["format"]
        items = list(source)
    assert all(isinstance(i, Comment) for i in items)
    assert [(c.id, c.parent_id) for c in items] == [(c[0], c[1]) for c in spec["comments"]]


def test_platform_fields_are_mapped() -> None:
    with open_comments(str(FORMATS_DIR / "facebook_graph_comments.json")) as source:
        first, reply = list(source)[:2]
    assert first.platform == "facebook" and first.author == "Birgitta Lundqvist"
    assert first.created_at is not None and first.created_at.isoformat() == "2026-11-03T08:14:01+00:00"
    assert first.url == "https://www.facebook.com/lidingostad/posts/1132845561027734?comment_id=3110113015533921"
    assert reply.url == "https://www.facebook.com/1132845561027734?comment_id=3110120018842211"

    with open_comments(str(FORMATS_DIR / "x_archive_tweets.js")) as source:
        tweet = next(iter(source))
    assert tweet.platform == "x" and "gång- & cykelbron" in tweet.text  # &amp; unescaped
    assert tweet.url == "https://x.com/i/web/status/1853712006512345601"

    with open_comments(str(FORMATS_DIR / "x_api_v2.json")) as source:
        post = next(iter(source))
    assert post.author == "@marialind" and post.url == "https://x.com/marialind/status/1853720000000000001"

    with open_comments(str(FORMATS_DIR / "youtube_comment_threads.json")) as source:
        top, _, html_only, _ = list(source)
    assert top.text.endswith('"öppen gård"?\nVi vill gärna komma.')
    assert html_only.text == "Vilket jävla skämt till kommun & gård"  # from textDisplay (HTML)
    assert top.url == "https://www.youtube.com/watch?v=dQw4lidingo&lc=UgzKx7q3kQk1lHj2bG14AaABAg"

    with open_comments(str(FORMATS_DIR / "instagram_post_comments_1.json")) as source:
        exported = next(iter(source))
    assert exported.text == "Så fint på Lidingö i dag!"  # Meta's mojibake repaired
    assert exported.metadata == {"media_owner": "lidingostad"}


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('window.YTD.tweets.part0 = [ {"tweet": {}} ]', "x-archive"),
        ('{"kind": "youtube#commentThreadListResponse", "items": []}', "youtube"),
        ('{"data": [{"id": "1_2", "message": "hej", "created_time": "2026-01-01T00:00:00+0000"}]}', "facebook"),
        ('{"data": [{"id": "1", "text": "hej", "author_id": "9", "edit_history_tweet_ids": ["1"]}], "meta": {}}', "x-api-v2"),
        ('{"data": [{"id": "1", "text": "hej", "timestamp": "2026-01-01T00:00:00+0000", "username": "a"}]}', "instagram"),
        ('[{"string_map_data": {"Comment": {"value": "hej"}}}]', "instagram"),
        ('{"id": "1", "text": "hej"}\n{"id": "2", "text": "då"}\n', "jsonl"),
        ('[{"id": "1", "text": "hej"}]', "json"),
        ("id;text\n1;hej\n", "csv"),
        ('{"data": [{"id": "1_2", "message": "hej"}], "paging": {}}\n{"data": [{"id": "1_3", "message": "då"}]}\n', "facebook"),
    ],
)
def test_detector(head: str, expected: str) -> None:
    assert detect_format(head) == expected


def test_pages_one_per_line_and_arrays_of_pages(tmp_path: Path) -> None:
    page1 = {"data": [{"id": "1_1", "message": "Din jävla idiot"}], "paging": {"next": "…"}}
    page2 = {"data": [{"id": "1_2", "message": "Tack!"}]}
    lines = tmp_path / "pages.jsonl"
    lines.write_text(json.dumps(page1) + "\n" + json.dumps(page2) + "\n", encoding="utf-8")
    array = tmp_path / "pages.json"
    array.write_text(json.dumps([page1, page2], indent=2), encoding="utf-8")
    for path in (lines, array):
        with open_comments(str(path)) as source:
            assert source.format == "facebook"
            assert [c.id for c in source] == ["1_1", "1_2"]


def test_malformed_file_names_file_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.json"
    text = (FORMATS_DIR / "facebook_graph_comments.json").read_text(encoding="utf-8")
    broken.write_text(text.replace('"like_count": 0,\n      "comment_count": 0\n    },', '"like_count": 0,\n      "comment_count": 0\n    }', 1), encoding="utf-8")
    with open_comments(str(broken)) as source, pytest.raises(InputError) as info:
        list(source)
    message = str(info.value)
    assert message.startswith(f"{broken}: line 38, column 5: ") and "expected ',' or ']'" in message
    assert main(["score", str(broken), "-o", str(tmp_path / "o.jsonl")]) == 2
    assert f"{broken}: line 38, column 5" in capsys.readouterr().err

    truncated = tmp_path / "tweets.js"
    truncated.write_text((FORMATS_DIR / "x_archive_tweets.js").read_text(encoding="utf-8")[:900], encoding="utf-8")
    with open_comments(str(truncated)) as source, pytest.raises(InputError, match=r"tweets\.js: line \d+, column \d+: invalid JSON"):
        list(source)


def test_unusable_records_are_bad_rows_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "yt.json"
    path.write_text(json.dumps({"kind": "youtube#commentThreadListResponse", "items": [
        {"kind": "youtube#commentThread", "id": "t1", "snippet": {}},
        {"kind": "youtube#commentThread", "id": "t2", "snippet": {"videoId": "v", "topLevelComment": {"id": "t2", "snippet": {"textOriginal": "Hej"}}}},
    ]}, indent=1), encoding="utf-8")
    with open_comments(str(path)) as source:
        items = list(source)
    assert isinstance(items[0], BadRow) and "topLevelComment" in items[0].message and items[0].line == 4
    assert isinstance(items[1], Comment) and items[1].id == "t2"


def test_stream_reader_holds_one_record_at_a_time() -> None:
    n = 20_000
    body = ",".join(json.dumps({"id": str(i), "message": "x" * 50}) for i in range(n))
    stream = io.StringIO('{"data": [' + body + '], "paging": {}}')
    reader = JsonStream(stream, "big.json")
    count = 0
    for event in reader.events():
        if event.key == "data":
            count += 1
            assert len(reader.buf) < 4 * 65536  # the buffer never holds the whole document
    assert count == n


def test_excel_sep_hint_bom_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffsep=;\r\nid;text\r\n1;Hej, kommunen\r\n2;Din jävla idiot\r\n".encode())
    with open_comments(str(path)) as source:
        items = list(source)
    assert [(c.id, c.text) for c in items] == [("1", "Hej, kommunen"), ("2", "Din jävla idiot")]


def test_platform_export_on_stdin_is_detected() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "modkit", "score", "-", "--quiet", "--no-language"],
        input=(FORMATS_DIR / "x_archive_tweets.js").read_text(encoding="utf-8"),
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["action"] for line in proc.stdout.splitlines()] == ["publish", "reply"]


def test_json_array_of_rows_with_field_mapping(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"nr": 1, "msg": "Din jävla idiot"}, {"nr": 2, "msg": "Tack!"}, {"nr": 3}], indent=2), encoding="utf-8")
    with open_comments(str(path), text_field="msg", id_field="nr") as source:
        assert source.format == "json"
        items = list(source)
    assert [c.id for c in items[:2]] == ["1", "2"]
    assert isinstance(items[2], BadRow) and "'msg' is missing" in items[2].message
