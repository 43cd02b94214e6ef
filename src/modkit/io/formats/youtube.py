"""YouTube Data API v3: `commentThreads.list` (and `comments.list`) responses.

`{"kind": "youtube#commentThreadListResponse", "items": [thread, …],
"nextPageToken": …}`, pages one after another or in an array. A thread is
`{"kind": "youtube#commentThread", "id", "snippet": {"videoId",
"topLevelComment": comment, "totalReplyCount"}, "replies": {"comments":
[comment, …]}}`; a comment is `{"kind": "youtube#comment", "id", "snippet":
{"textOriginal", "textDisplay", "authorDisplayName", "publishedAt",
"videoId", "parentId"}}`. Replies keep the top-level comment's id in
`parent_id`. `textOriginal` is used when present; otherwise `textDisplay`
(HTML) is turned into plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from ...comment import Comment, Platform
from ..readers import BadRow
from ._common import build, get, strip_html
from ._jsonstream import JsonStream

NAME = "youtube"


def looks_like(record: dict[str, Any]) -> bool:
    kind = record.get("kind")
    return (isinstance(kind, str) and kind.startswith("youtube#comment")) or isinstance(get(record, "snippet", "topLevelComment"), dict)


def read(stream: IO[str], name: str) -> Iterator[Comment | BadRow]:
    for event in JsonStream(stream, name).events():
        if event.key not in (None, "items"):
            continue
        value = event.value
        if isinstance(value, dict) and isinstance(value.get("items"), list):  # a page in an array of pages
            for item in value["items"]:
                yield from _item(item, event.line)
        else:
            yield from _item(value, event.line)


def _item(item: Any, line: int) -> Iterator[Comment | BadRow]:
    if not isinstance(item, dict):
        yield BadRow(line, f"expected a commentThread object, got {type(item).__name__}")
        return
    if item.get("kind") == "youtube#comment":
        yield _comment(item, line, None, None)
        return
    top = get(item, "snippet", "topLevelComment")
    if not isinstance(top, dict):
        yield BadRow(line, "commentThread without snippet.topLevelComment")
        return
    video = get(item, "snippet", "videoId")
    yield _comment(top, line, video, None, thread_id=item.get("id"))
    replies = get(item, "replies", "comments")
    for reply in replies if isinstance(replies, list) else []:
        yield _comment(reply, line, video, top.get("id"), thread_id=item.get("id"))


def _comment(record: Any, line: int, video: str | None, parent: str | None, thread_id: str | None = None) -> Comment | BadRow:
    if not isinstance(record, dict):
        return BadRow(line, f"expected a comment object, got {type(record).__name__}")
    snippet = record.get("snippet") if isinstance(record.get("snippet"), dict) else {}
    text = snippet.get("textOriginal")
    if not isinstance(text, str):
        display = snippet.get("textDisplay")
        text = strip_html(display) if isinstance(display, str) else None
    cid = record.get("id")
    video = snippet.get("videoId") or video
    return build(
        line,
        id=cid,
        text=text,
        author=snippet.get("authorDisplayName"),
        platform=Platform.YOUTUBE,
        created_at=snippet.get("publishedAt"),
        url=f"https://www.youtube.com/watch?v={video}&lc={cid}" if video and cid else None,
        parent_id=snippet.get("parentId") or parent,
        metadata={k: v for k, v in {
            "video_id": video,
            "thread_id": thread_id,
            "author_channel_id": get(snippet, "authorChannelId", "value"),
            "like_count": snippet.get("likeCount"),
        }.items() if v is not None},
    )
