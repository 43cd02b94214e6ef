"""X (Twitter): the account archive's `tweets.js`, and API v2 JSON.

Archive (`data/tweets.js`, also `tweets-part1.js`, `deleted-tweets.js`):
JavaScript `window.YTD.tweets.part0 = [ {"tweet": {…}}, … ]`, each tweet with
`id_str`, `full_text`, `created_at` ("Wed Oct 10 20:19:24 +0000 2018"),
`in_reply_to_status_id_str`, `in_reply_to_screen_name`. Text is HTML-escaped
(`&amp;`) and is unescaped here.

API v2 (`GET /2/tweets/search/recent`, `/2/users/:id/mentions`, …, one
response per document or per line): `{"data": [{"id", "text", "author_id",
"created_at", "conversation_id", "referenced_tweets": [{"type":
"replied_to", "id"}], "note_tweet": {"text"}}], "includes": {"users": […]},
"meta": {…}}`. A v2 response is read as a whole page (the API returns at most
a few hundred posts per page) so that `includes.users` names the authors.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from typing import IO, Any

from ...comment import Comment, Platform
from ..readers import BadRow
from ._common import build, get
from ._jsonstream import JsonStream

ARCHIVE = "x-archive"
API_V2 = "x-api-v2"
PREFIX = re.compile(r"window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*")
V2_MARKERS = {"edit_history_tweet_ids", "author_id", "conversation_id", "referenced_tweets", "note_tweet"}


def looks_like_archive(record: dict[str, Any]) -> bool:
    return isinstance(record.get("tweet"), dict) or ("full_text" in record and "id_str" in record)


def looks_like_v2(record: dict[str, Any]) -> bool:
    return "text" in record and "id" in record and bool(V2_MARKERS & set(record))


def _archive_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None


def read_archive(stream: IO[str], name: str) -> Iterator[Comment | BadRow]:
    reader = JsonStream(stream, name)
    if reader.skip_ws() == "w":
        reader.skip_prefix(PREFIX)
    for event in reader.events():
        record = event.value
        tweet = record.get("tweet", record) if isinstance(record, dict) else record
        if not isinstance(tweet, dict):
            yield BadRow(event.line, f"expected a tweet object, got {type(tweet).__name__}")
            continue
        tid = tweet.get("id_str") or tweet.get("id")
        text = tweet.get("full_text", tweet.get("text"))
        created = tweet.get("created_at")
        yield build(
            event.line,
            id=tid,
            text=html.unescape(text) if isinstance(text, str) else None,
            platform=Platform.X,
            created_at=_archive_time(created) or created,
            url=f"https://x.com/i/web/status/{tid}" if tid else None,
            parent_id=tweet.get("in_reply_to_status_id_str") or tweet.get("in_reply_to_status_id"),
            metadata={k: tweet[k] for k in ("in_reply_to_screen_name", "lang", "favorite_count", "retweet_count") if tweet.get(k) is not None},
        )


def read_v2(stream: IO[str], name: str) -> Iterator[Comment | BadRow]:
    page: dict[str, Any] = {}
    page_line, document = 1, -1
    # each top-level document is one response, read whole (no streamed keys)
    for event in JsonStream(stream, name).events(stream_keys=frozenset()):
        if event.key is None:  # an array of responses, or of posts
            value = event.value
            if isinstance(value, dict) and isinstance(value.get("data"), list):
                yield from _v2_page(value, event.line)
            else:
                yield from _v2_page({"data": [value]}, event.line)
            continue
        if event.document != document:
            if page:
                yield from _v2_page(page, page_line)
            page, page_line, document = {}, event.line, event.document
        page[event.key] = event.value
        if event.key == "data":
            page_line = event.line
    if page:
        yield from _v2_page(page, page_line)


def _v2_page(page: dict[str, Any], line: int) -> Iterator[Comment | BadRow]:
    users = {u.get("id"): u for u in get(page, "includes", "users") or [] if isinstance(u, dict)}
    data = page.get("data")
    for post in data if isinstance(data, list) else [data] if data is not None else []:
        if not isinstance(post, dict):
            yield BadRow(line, f"expected a post object, got {type(post).__name__}")
            continue
        pid = post.get("id")
        user = users.get(post.get("author_id"), {})
        username = user.get("username")
        replied_to = next((r.get("id") for r in post.get("referenced_tweets") or [] if isinstance(r, dict) and r.get("type") == "replied_to"), None)
        text = get(post, "note_tweet", "text") or post.get("text")
        yield build(
            line,
            id=pid,
            text=html.unescape(text) if isinstance(text, str) else None,
            author=username and f"@{username}",
            platform=Platform.X,
            created_at=post.get("created_at"),
            url=(f"https://x.com/{username}/status/{pid}" if username else f"https://x.com/i/web/status/{pid}") if pid else None,
            parent_id=replied_to,
            metadata={k: v for k, v in {
                "author_id": post.get("author_id"),
                "conversation_id": post.get("conversation_id"),
                "lang": post.get("lang"),
            }.items() if v is not None},
        )
