"""Facebook Graph API comments: `GET /{post-id}/comments` and friends.

Accepted shapes (each may repeat, one JSON document after another, as tools
write one API page per line):

- a page of comments: `{"data": [comment, …], "paging": {…}}`
- a post with its comments: `{"id": "<post>", "comments": {"data": […]}}`
- an array of pages, or an array of comments

A comment has `id`, `message`, `created_time` ("2024-05-02T08:15:00+0000"),
`from` (`name`, `id`; absent without page permissions), optionally
`permalink_url`, `parent` (`{"id": …}` with `filter=stream`), `like_count`,
and nested replies in `comments.data` (with `filter=toplevel`). Replies keep
the id of the comment they answer in `parent_id`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ...comment import Comment, Platform
from ..readers import BadRow
from ._common import build, get, iso_time
from ._jsonstream import JsonStream

NAME = "facebook"


def looks_like(record: dict[str, Any]) -> bool:
    return "message" in record or ("created_time" in record and "from" in record)


def read(stream: IO[str], name: str) -> Iterator[Comment | BadRow]:
    post: dict[str, Any] = {}
    current_document = -1
    for event in JsonStream(stream, name).events():
        if event.document != current_document:
            current_document, post = event.document, {}
        value = event.value
        if event.key in ("id", "permalink_url") and isinstance(value, str):
            post[event.key] = value  # a post object's own fields
        elif event.key == "comments" and isinstance(value, dict):
            for comment in _list(value.get("data")):
                yield from _comments(comment, event.line, None, post)
        elif event.key == "data" or event.key is None:
            if isinstance(value, dict) and isinstance(value.get("data"), list) and "id" not in value:
                for comment in value["data"]:  # a page inside an array of pages
                    yield from _comments(comment, event.line, None, post)
            else:
                yield from _comments(value, event.line, None, post)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _comments(record: Any, line: int, parent: str | None, post: dict[str, Any]) -> Iterator[Comment | BadRow]:
    if not isinstance(record, dict):
        yield BadRow(line, f"expected a comment object, got {type(record).__name__}")
        return
    cid = record.get("id")
    cid = str(cid) if isinstance(cid, (str, int)) and not isinstance(cid, bool) else None
    metadata = {
        k: v for k, v in {
            "post_id": post.get("id") or (cid.split("_", 1)[0] if cid and "_" in cid else None),
            "author_id": get(record, "from", "id"),
            "like_count": record.get("like_count"),
            "comment_count": record.get("comment_count"),
            "is_hidden": record.get("is_hidden"),
            "attachment_url": get(record, "attachment", "url"),
        }.items() if v is not None
    }
    yield build(
        line,
        id=cid,
        text=record.get("message", "") if "message" in record or "id" in record else None,
        author=get(record, "from", "name"),
        platform=Platform.FACEBOOK,
        created_at=iso_time(record.get("created_time")),
        url=record.get("permalink_url") or _url(cid, post),
        parent_id=get(record, "parent", "id") or parent,
        metadata=metadata,
    )
    for reply in _list(get(record, "comments", "data")):
        yield from _comments(reply, line, cid, post)


def _url(cid: str | None, post: dict[str, Any]) -> str | None:
    if not cid:
        return None
    if "_" in cid:
        post_id, comment_id = cid.split("_", 1)
        return f"https://www.facebook.com/{post_id}?comment_id={comment_id}"
    if post.get("permalink_url"):
        return f"{post['permalink_url']}?comment_id={cid}"
    return f"https://www.facebook.com/{cid}"
