"""The benchmark's HTTP client: it reads responses as a browser's kept-alive connection does."""
from __future__ import annotations

import asyncio

from bench import sessions


def read(raw: bytes) -> tuple[int, bytes, bool, dict[str, str]]:
    async def go() -> tuple[int, bytes, bool, dict[str, str]]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await sessions.read_response(reader)
    return asyncio.run(go())


def test_keep_alive_client_reads_lengths_chunks_and_closes() -> None:
    assert read(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA")[:3] == (200, b"hello", True)
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"
    assert read(chunked)[:3] == (200, b"abcde", True)
    assert read(b"HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\ngone")[:3] == (404, b"gone", False)


def test_a_not_modified_answer_has_no_body_and_keeps_its_validator() -> None:
    # nginx answers a live file's conditional poll this way: no length, no body, the connection kept.
    status, body, reusable, headers = read(b'HTTP/1.1 304 Not Modified\r\nETag: "6a1f-2c"\r\n\r\n')
    assert (status, body, reusable, headers["etag"]) == (304, b"", True, '"6a1f-2c"')
