"""Serving the dashboard: the first admin's one-time link, the bind address, uvicorn."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..accounts import create_login_link, ensure_first_admin, find_user
from ..errors import NotFound
from ..workspace import Workspace
from .state import WebOptions


@dataclass(frozen=True)
class ServePlan:
    url: str
    login_link: str | None  # printed once: the first admin's way in
    warnings: tuple[str, ...]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_url(options: WebOptions) -> str:
    host = f"[{options.host}]" if ":" in options.host else options.host
    return f"http://{host}:{options.port}"


def prepare(workspace: Workspace, options: WebOptions, *, link_for: str | None = None) -> ServePlan:
    """Create the first admin if there is none; say what a person needs to log in."""
    url = base_url(options)
    warnings: list[str] = []
    if not is_loopback(options.host) and not options.force_secure_cookies:
        warnings.append(
            f"serving on {options.host} over plain HTTP: passwords and session cookies would cross "
            "the network unencrypted. Put a TLS proxy in front and pass --behind-tls."
        )
    link = None
    first = ensure_first_admin(workspace.engine)
    if first is not None:
        link = f"{url}/login/link?token={first[1]}"
    elif link_for is not None:
        try:
            user = find_user(workspace.engine, link_for)
        except NotFound:
            user = None
        if user is not None:
            link = f"{url}/login/link?token={create_login_link(workspace.engine, user)}"
    return ServePlan(url, link, tuple(warnings))


def run_server(workspace: Workspace, options: WebOptions) -> None:
    import uvicorn

    from .app import create_app

    app = create_app(workspace, options)
    uvicorn.run(
        app, host=options.host, port=options.port, log_level="warning",
        # Behind a TLS proxy, trust its X-Forwarded-Proto so cookies get the Secure flag.
        proxy_headers=options.force_secure_cookies, forwarded_allow_ips="127.0.0.1",
        server_header=False,
    )
