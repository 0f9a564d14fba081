"""The IT-staff guide's nginx config, run by Debian's nginx in front of the real server.

The config is taken from docs/it-staff-guide.md as written (only the ports, the
certificate paths and the upstream's port are changed for loopback), so a guide
that stops proxying a path villagers or staff use fails here: the receipt check
``/r/…`` that a phone opens from a receipt's QR code, the console, the API and
the console's spreadsheet upload.
"""

from __future__ import annotations

import re
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from county_server.live import LiveServer
from county_server.nginx_run import free_port, run_nginx, self_signed

GUIDE = Path(__file__).parents[2] / "docs" / "it-staff-guide.md"


def _guide_config() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### nginx with TLS"):]
    match = re.search(r"```nginx\n(.*?)```", section, re.S)
    assert match, "the guide's nginx block is missing"
    return match.group(1)


def _loopback(config: str, *, upstream: int, https: int, http: int, cert: Path,
              key: Path) -> str:
    replaced = {"server 127.0.0.1:8080;": f"server 127.0.0.1:{upstream};",
                "listen 443 ssl http2;": f"listen 127.0.0.1:{https} ssl http2;",
                "listen 80;": f"listen 127.0.0.1:{http};",
                "/etc/ssl/county/fullchain.pem": str(cert),
                "/etc/ssl/county/privkey.pem": str(key)}
    for old, new in replaced.items():
        assert old in config, f"the guide's nginx block no longer says {old!r}"
        config = config.replace(old, new)
    return config


@pytest.fixture
def nginx(server: LiveServer, tmp_path: Path) -> Iterator[str]:
    """nginx with the guide's config in front of ``server``; yields its https base URL."""
    cert, key = self_signed(tmp_path)
    https, http = free_port(), free_port()
    servers = _loopback(_guide_config(), upstream=server.port, https=https, http=http,
                        cert=cert, key=key)
    with run_nginx(servers, tmp_path, https=https):
        yield f"https://127.0.0.1:{https}"


def _fetch(url: str, data: bytes | None = None) -> tuple[int, str, str]:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context),
                                         NoRedirect)
    try:
        with opener.open(request, timeout=30) as answer:
            return answer.status, answer.headers.get("Server", ""), answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Server", ""), error.read().decode("utf-8",
                                                                               "replace")


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_guides_nginx_proxies_every_path_villagers_and_staff_use(nginx: str) -> None:
    status, _, body = _fetch(f"{nginx}/api/v1/openapi.json")
    assert status == 200 and '"openapi"' in body
    # A phone opening a receipt's QR link gets the county's answer, not nginx's 404.
    status, _, body = _fetch(f"{nginx}/r/DEMO01-20261121103000?v=1&tid=DEMO-0001"
                             "&m=4312**********079X&t=100&s=forged")
    assert status in (200, 400) and "凭条" in body, (status, body[:300])
    status, _, body = _fetch(f"{nginx}/login")
    assert status == 200 and "<form" in body
    status, _, body = _fetch(f"{nginx}/")
    assert status in (200, 303, 307) and "404 Not Found" not in body
    # The console's spreadsheet upload passes nginx's body cap (the server then asks
    # for a login); a terminal's API body that large is refused.
    status, server, _ = _fetch(f"{nginx}/imports/preview", data=b"x" * 200_000)
    assert status != 413, server
    status, _, _ = _fetch(f"{nginx}/api/v1/heartbeat", data=b"x" * 200_000)
    assert status == 413
