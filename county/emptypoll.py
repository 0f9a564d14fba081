"""A `changes` poll with nothing new, answered without the database (issue 19).

A terminal whose cursor is the county's latest change number (as this
process knows it, county/pollcache.py), or behind it with none of the
changes since touching its scopes (county/scopeheads.py), and whose token
was seen valid a moment ago gets an empty page (its cursor moved to the
head), or 304 if it sent back the page's ETag, with no query. The ETag of a
page is ``"SINCE-HEAD"``: the same cursor at the same head means the same
(empty) answer. Anything else goes the long way.
"""

from __future__ import annotations

from datetime import datetime

from fastapi.responses import Response
from pydantic import TypeAdapter

from county.cursor import cursor_value
from county.pollcache import PollCache
from sync.protocol import ChangesPage

__all__ = ["empty_poll", "not_modified", "poll_etag"]

_CACHE_CONTROL = "no-cache"
_TIME = TypeAdapter(datetime)  # the wire's own datetime form ("Z" for UTC, as pydantic)
#: Every list of a ChangesPage, empty, in the model's field order (a new entity's list
#: joins by itself).
_EMPTY_LISTS = ",".join(f'"{name}":[]' for name, field in ChangesPage.model_fields.items()
                        if field.default_factory is list)


def poll_etag(after: int, head: int) -> str:
    """The ETag of the page after ``after`` read at ``head``."""
    return f'"{after}-{head}"'


def not_modified(etag: str) -> Response:
    """304: the terminal's last (empty) page still holds."""
    return Response(status_code=304, headers={"ETag": etag, "Cache-Control": _CACHE_CONTROL})


def empty_poll(cache: PollCache, authorization: str | None, since: str | None,
               if_none_match: str | None, *, now: datetime,
               head: int | None = None) -> Response | None:
    """The answer to a poll with nothing new, or None when it needs the database.

    ``head``: the head as :meth:`PollCache.peek` just gave it (else read here)."""
    after = cursor_value(since)
    if after is None:
        return None
    if head is None:
        head = cache.head()
    if head is None or after > head:
        return None
    who = cache.terminal(authorization)
    if who is None:
        return None
    if after < head:
        # Behind the head: nothing new all the same if no change since the cursor
        # touched this terminal's scopes (county/scopeheads.py); the cursor moves on.
        quiet = cache.scopes.quiet_until(who, after)
        if quiet is None:
            return None
        head = quiet
    etag = poll_etag(after, head)
    if after == head and if_none_match == etag:  # as the database path answers
        return not_modified(etag)
    # The empty ChangesPage, written out: building the pydantic model costs more than
    # the whole answer. tests/county_server/test_province_poll.py checks it validates.
    body = (f'{{{_EMPTY_LISTS},"next_cursor":"{head}","has_more":false,"server_time":'
            f'{_TIME.dump_json(now).decode("ascii")}}}')
    return Response(body, media_type="application/json",
                    headers={"ETag": etag, "Cache-Control": _CACHE_CONTROL})
