"""Who is asking: the client's address and scheme, believed from a proxy only when it is trusted.

Behind a reverse proxy every connection comes from the proxy, so the client's own
address is in ``X-Forwarded-For`` and the scheme it used in ``X-Forwarded-Proto``.
Anyone can send those headers, so they are read only when the connection comes from
one of ``TRUSTED_PROXIES`` (addresses or networks), and then ``X-Forwarded-For`` is
read from the right, skipping trusted proxies, so that a client cannot choose its
address by sending the header itself (the proxy appends what it saw). From anyone
else both headers are removed. The rate limits (archive.services.rate_limits) and django-axes
(AXES_CLIENT_IP_CALLABLE) key on ``client_address``.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """ "10.0.0.5", "172.18.0.0/16", "::1" -> networks; raises ValueError on anything else."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    parsed = _address(address)
    return parsed is not None and any(parsed in network for network in proxies)


def forwarded_client(remote: str, forwarded_for: str, proxies: tuple[Network, ...]) -> str:
    """The client's address: ``remote`` unless it is a trusted proxy, then the right-most
    address in ``forwarded_for`` that is not a trusted proxy (a malformed one ends the walk)."""
    if not is_trusted(remote, proxies):
        return remote
    client = remote
    for hop in reversed([part for part in forwarded_for.split(",") if part.strip()]):
        parsed = _address(hop)
        if parsed is None:
            break
        client = str(parsed)
        if not any(parsed in network for network in proxies):
            break
    return client


def trusted_proxies() -> tuple[Network, ...]:
    return parse_networks(settings.TRUSTED_PROXIES)


class ClientMiddleware:
    """First of all middleware: REMOTE_ADDR becomes the client's address and the scheme the one
    the client used, as far as the trusted proxies say; untrusted forwarding headers are dropped."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = trusted_proxies()

    def __call__(self, request):
        meta = request.META
        remote = meta.get("REMOTE_ADDR", "")
        if is_trusted(remote, self.proxies):
            meta["archive.proxy_address"] = remote
            meta["REMOTE_ADDR"] = forwarded_client(remote, meta.get("HTTP_X_FORWARDED_FOR", ""), self.proxies)
            proto = meta.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                meta["wsgi.url_scheme"] = proto
        else:
            for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST"):
                meta.pop(header, None)
        return self.get_response(request)


def client_address(request) -> str:
    """The client's address (set by ClientMiddleware), for the rate limits."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def axes_client_ip(request) -> str | None:
    """django-axes' AXES_CLIENT_IP_CALLABLE: the same address, or None when there is none (a
    request made in code), which axes stores as unknown."""
    return request.META.get("REMOTE_ADDR") or None
