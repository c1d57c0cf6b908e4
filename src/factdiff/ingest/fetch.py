"""Fetch a web page with the standard library, refusing private and local addresses.

``is_public_address`` is separate so the web service can apply the same rule to user-given
URLs (server-side request forgery: a URL must not reach the machine's own network).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from factdiff.errors import InputError
from factdiff.options import Options

_USER_AGENT = "factdiff/0.1 (+https://pypi.org/project/factdiff/)"
_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str


def is_public_ip(ip: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, ...)."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    return addr.is_global and not addr.is_multicast


def resolve_host(host: str, port: int | None = None) -> list[str]:
    """Every address ``host`` resolves to; raises OSError when it does not resolve."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def is_public_address(host: str) -> bool:
    """True when ``host`` (a name or an IP literal) resolves, and only to public addresses.

    A host that does not resolve is not public: callers that must tell "unknown host" from
    "blocked" use ``resolve_host`` and ``is_public_ip``.
    """
    host = host.strip("[]")
    if not host:
        return False
    try:
        addresses = resolve_host(host)
    except (OSError, UnicodeError):
        return False
    return bool(addresses) and all(is_public_ip(a) for a in addresses)


def check_url(url: str) -> str:
    """Raise InputError unless ``url`` is http(s) and its host resolves to public addresses;
    return the host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES:
        raise InputError("fetch_failed", f"only http and https URLs can be fetched: {url}")
    host = parts.hostname
    if not host:
        raise InputError("fetch_failed", f"URL has no host: {url}")
    try:
        addresses = resolve_host(host, parts.port)
    except (OSError, UnicodeError, ValueError) as exc:
        raise InputError("fetch_failed", f"cannot resolve host {host!r}: {_one_line(exc)}") from exc
    blocked = [a for a in addresses if not is_public_ip(a)]
    if blocked or not addresses:
        raise InputError(
            "blocked_address",
            f"refusing to fetch {url}: {host} resolves to a private or local address "
            f"({', '.join(blocked) or 'none'})",
        )
    return host


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect must pass the same check as the first URL."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]


def fetch_url(url: str, options: Options) -> Fetched:
    """Download ``url`` (at most ``options.max_input_bytes``); raise InputError on failure.

    Known gap: the address is checked when resolved here, and urllib resolves again when it
    connects; a DNS server that answers differently the second time is not caught.
    """
    check_url(url)
    opener = urllib.request.build_opener(_CheckedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "*/*"})
    limit = options.max_input_bytes
    try:
        with opener.open(request, timeout=options.fetch_timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise InputError("too_large", f"{url} is {int(length)} bytes, over {limit}")
            data = response.read(limit + 1)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError("fetch_failed", f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        reason = exc.reason if isinstance(exc.reason, BaseException) else exc
        raise InputError("fetch_failed", f"{url}: {_one_line(reason)}") from exc
    except TimeoutError as exc:
        raise InputError(
            "fetch_failed", f"{url}: timed out after {options.fetch_timeout:g} s"
        ) from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise InputError("fetch_failed", f"{url}: {_one_line(exc)}") from exc
    if len(data) > limit:
        raise InputError("too_large", f"{url} is larger than {limit} bytes")
    return Fetched(url=final_url, data=data, content_type=content_type)
