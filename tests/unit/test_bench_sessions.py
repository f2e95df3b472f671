"""The benchmark's HTTP client: it reads responses as a browser's kept-alive connection does."""
from __future__ import annotations

import asyncio

from bench import sessions


def read(raw: bytes) -> tuple[int, bytes, bool]:
    async def go() -> tuple[int, bytes, bool]:
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        return await sessions._read_response(reader)
    return asyncio.run(go())


def test_keep_alive_client_reads_lengths_chunks_and_closes() -> None:
    assert read(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA") == (200, b"hello", True)
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n"
    assert read(chunked) == (200, b"abcde", True)
    assert read(b"HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\ngone") == (404, b"gone", False)
