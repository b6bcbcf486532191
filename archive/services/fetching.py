"""Fetching a public page for import: http(s) only, time and size limits, no private addresses.

The address is resolved once and every address it names is checked before
connecting; the connection then goes to that checked address (so a name cannot
resolve to a public address for the check and a private one for the request).
Redirects are followed by hand, each one checked the same way.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "GP-Contract-Archive-importer/1 (a curator's request)"


class FetchError(Exception):
    """The page cannot be fetched; the message says why, for the curator."""


@dataclass(frozen=True)
class FetchedPage:
    url: str  # after redirects
    content: bytes
    content_type: str


def fetch_page(url: str, *, timeout: float, max_bytes: int, allow_private: bool) -> FetchedPage:
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        response, connection = _request(url, deadline, allow_private)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"The page at {url} redirects without saying where.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FetchError(f"The page answered {response.status} {response.reason}; nothing was read.")
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
            if content_type not in HTML_TYPES:
                raise FetchError(f"The address gives {content_type or 'an unnamed type'}, not a web page.")
            return FetchedPage(url, _read(response, deadline, max_bytes), content_type)
        finally:
            connection.close()
    raise FetchError(f"The page redirects more than {MAX_REDIRECTS} times; give its final address.")


def _request(url: str, deadline: float, allow_private: bool):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError("Only http:// and https:// addresses can be fetched.")
    if not parts.hostname:
        raise FetchError("The address has no host name.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _checked_address(parts.hostname, port, allow_private)
    remaining = _remaining(deadline)
    if parts.scheme == "https":
        connection = _PinnedHTTPS(parts.hostname, port, address, timeout=remaining)
    else:
        connection = _PinnedHTTP(parts.hostname, port, address, timeout=remaining)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "text/html"})
        return connection.getresponse(), connection
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise FetchError(f"The page could not be fetched: {error}.") from error


def _checked_address(host: str, port: int, allow_private: bool) -> str:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"The host name {host} does not resolve.") from error
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise FetchError(
                    f"{host} points to a private, loopback or link-local address ({ip}); "
                    "only public pages can be fetched."
                )
    return addresses[0]


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError("The page took too long to answer.")
    return left


def _read(response, deadline: float, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while True:
        _remaining(deadline)
        chunk = response.read(64 * 1024)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"The page is larger than {max_bytes // (1024 * 1024)} MB; it was not read.")
        chunks.append(chunk)


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to now."""

    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
