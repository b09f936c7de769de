"""Issue 11, kiosk side: hostile servers, tricky URLs, faults the sync loop must survive."""

from __future__ import annotations

import pytest

from kiosk.sync.client import CountyClient, check_server_url
from kiosk.sync.errors import SyncError, SyncReason

REFUSED_URLS = [
    "http://evil.example\\@127.0.0.1",  # urlsplit says 127.0.0.1; requests connects to evil
    "http://evil.example\\@127.0.0.1:8000/",
    "http://127.0.0.1\\@evil.example",
    "https://evil.example\\@127.0.0.1",
    "http://user@127.0.0.1",  # no userinfo at all, even to this machine
    "http://user:pw@localhost:8000",
    "https://user:pw@county.example.cn",
    "https://county.example.cn@evil.example",
    "http://127.0.0.1.evil.example",
    "http://localhost.evil.example",
    "http://evil.example/127.0.0.1",
    "http://evil.example#@127.0.0.1",
    "http://evil.example?@127.0.0.1",
    "http://0x7f.0.0.1",
    "http://2130706433",
    "http://[::ffff:8.8.8.8]",
    "http://10.0.0.1",
    "http://county.example.cn",
    "http:///127.0.0.1",
    "http://127.0.0.1 .evil.example",
    "http://127.0.0.1\t@evil.example",
    "ftp://127.0.0.1",
    "file:///etc/passwd",
    "//127.0.0.1",
    "127.0.0.1:8000",
    "",
]

ALLOWED_URLS = {
    "http://127.0.0.1:8000": "http://127.0.0.1:8000",
    "http://127.1.2.3/": "http://127.1.2.3",
    "http://localhost:8000/": "http://localhost:8000",
    "http://LOCALHOST": "http://LOCALHOST",
    "http://[::1]:8000": "http://[::1]:8000",
    "https://county.example.cn/": "https://county.example.cn",
    "https://county.example.cn:8443/redhome": "https://county.example.cn:8443/redhome",
    "https://10.0.0.1": "https://10.0.0.1",
}


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_tricky_server_urls_are_refused(url):
    with pytest.raises(SyncError) as refused:
        check_server_url(url)
    assert refused.value.reason is SyncReason.INSECURE_URL
    with pytest.raises(SyncError):
        CountyClient(url, token="secret")


@pytest.mark.parametrize(("url", "expected"), sorted(ALLOWED_URLS.items()))
def test_plain_server_urls_pass(url, expected):
    assert check_server_url(url) == expected
