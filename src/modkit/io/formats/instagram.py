"""Instagram comments: Graph API JSON and 'Download your information' exports.

Graph API (`GET /{ig-media-id}/comments?fields=id,text,timestamp,username,
like_count,replies{id,text,timestamp,username}`): pages `{"data": [comment,
…], "paging": …}`, or a media object `{"id", "permalink", "comments":
{"data": […]}}`. A comment has `id`, `text`, `timestamp`
("2024-05-02T08:15:00+0000"), `username` (or `from.username`), and replies
in `replies.data`, which keep the answered comment's id in `parent_id`.

Account export (`your_instagram_activity/comments/post_comments_1.json`,
`reels_comments.json`): `[{"string_map_data": {"Comment": {"value"},
"Media Owner": {"value"}, "Time": {"timestamp"}}}]`, or the same list under
`comments_reels_comments` / `comments_media_comments`. These rows have no id:
it is `ig-<n>`, the row's position in the file. Meta writes UTF-8 there as
escaped Latin-1 ('Ã¥'); that is repaired.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ...comment import Comment, Platform
from ..readers import BadRow
from ._common import build, epoch_time, fix_meta_mojibake, get, iso_time
from ._jsonstream import JsonStream

NAME = "instagram"
EXPORT_KEYS = frozenset({"comments_media_comments", "comments_reels_comments", "comments_story_comments"})
STREAM_KEYS = frozenset({"data"}) | EXPORT_KEYS


def looks_like(record: dict[str, Any]) -> bool:
    if isinstance(record.get("string_map_data"), dict):
        return True
    return "text" in record and "timestamp" in record and ("username" in record or "from" in record or "replies" in record)


def read(stream: IO[str], name: str) -> Iterator[Comment | BadRow]:
    media: dict[str, Any] = {}
    document = -1
    position = 0
    for event in JsonStream(stream, name).events(STREAM_KEYS):
        if event.document != document:
            document, media = event.document, {}
        value = event.value
        if event.key in ("id", "permalink") and isinstance(value, str):
            media[event.key] = value
        elif event.key == "comments" and isinstance(value, dict):
            for comment in value.get("data") or []:
                yield from _graph(comment, event.line, None, media)
        elif event.key is None or event.key == "data" or event.key in EXPORT_KEYS:
            if isinstance(value, dict) and isinstance(value.get("data"), list) and "text" not in value:
                for comment in value["data"]:
                    yield from _graph(comment, event.line, None, media)
            elif isinstance(value, dict) and isinstance(value.get("string_map_data"), dict):
                position += 1
                yield _export(value, event.line, position)
            else:
                yield from _graph(value, event.line, None, media)


def _graph(record: Any, line: int, parent: str | None, media: dict[str, Any]) -> Iterator[Comment | BadRow]:
    if not isinstance(record, dict):
        yield BadRow(line, f"expected a comment object, got {type(record).__name__}")
        return
    cid = record.get("id")
    permalink = get(record, "media", "permalink") or media.get("permalink")
    yield build(
        line,
        id=cid,
        text=record.get("text"),
        author=record.get("username") or get(record, "from", "username"),
        platform=Platform.INSTAGRAM,
        created_at=iso_time(record.get("timestamp")),
        url=permalink,
        parent_id=record.get("parent_id") or parent,
        metadata={k: v for k, v in {
            "media_id": get(record, "media", "id") or media.get("id"),
            "like_count": record.get("like_count"),
            "hidden": record.get("hidden"),
        }.items() if v is not None},
    )
    for reply in get(record, "replies", "data") or []:
        yield from _graph(reply, line, cid, media)


def _export(record: dict[str, Any], line: int, position: int) -> Comment | BadRow:
    fields = record["string_map_data"]
    text = get(fields, "Comment", "value")
    owner = get(fields, "Media Owner", "value")
    return build(
        line,
        id=f"ig-{position}",
        text=fix_meta_mojibake(text) if isinstance(text, str) else None,
        platform=Platform.INSTAGRAM,
        created_at=epoch_time(get(fields, "Time", "timestamp")),
        metadata={"media_owner": fix_meta_mojibake(owner)} if isinstance(owner, str) else {},
    )
