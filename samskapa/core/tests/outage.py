"""Run the application in a gunicorn subprocess with a service pointed at nothing, and talk to it.

Used by the outage tests: the application is started as in production (a WSGI server, a real
Celery broker instead of eager tasks), with ``REDIS_URL`` or ``DATABASE_URL`` naming a port on
which nothing listens, or a socket that accepts connections and never answers.
"""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# Port 1 on the loopback interface: nothing listens there, so a connection is refused at once.
REFUSED = "127.0.0.1:1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def silent_server() -> Iterator[str]:
    """``host:port`` of a socket that accepts connections and never answers (a hung service)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        host, port = listener.getsockname()
        yield f"{host}:{port}"


def database_url_of_this_run() -> str:
    """The URL of the test database this pytest run created, for the subprocess to share."""
    params = connection.settings_dict
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    return (
        f"postgres://{params['USER']}{password}@{params['HOST'] or '127.0.0.1'}:"
        f"{params['PORT'] or 5432}/{params['NAME']}"
    )


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float
    url: str

    def json(self) -> object:
        import json

        return json.loads(self.body)


@dataclass
class Browser:
    """A minimal HTTP client with cookies, following no redirects, as a person's browser would."""

    base_url: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def request(
        self,
        path: str,
        *,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
    ) -> Answer:
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
        # Only ever http://127.0.0.1:<port> of the server started here.
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers or {})  # noqa: S310
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )
        started = time.perf_counter()
        try:
            with opener.open(request, timeout=30) as response:
                status, raw, answer_headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, answer_headers = error.code, error.read(), error.headers
        return Answer(
            status=status,
            headers=dict(answer_headers.items()),
            body=raw.decode("utf-8", "replace"),
            seconds=time.perf_counter() - started,
            url=path,
        )

    def get(self, path: str, **kwargs: object) -> Answer:
        return self.request(path, **kwargs)  # type: ignore[arg-type]

    def post_form(self, path: str, form_path: str, data: dict[str, str]) -> Answer:
        """Fetch the page with the form at ``form_path`` and post ``data`` with its CSRF token."""
        page = self.get(form_path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert match, f"no CSRF token on {form_path} ({page.status})"
        return self.request(path, data={"csrfmiddlewaretoken": match.group(1), **data})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@contextmanager
def running_app(**environment: str) -> Iterator[Browser]:
    """Serve the application with gunicorn, the test settings and ``environment`` on top."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "samskapa.settings.test",
        "DATABASE_URL": database_url_of_this_run(),
        "REDIS_URL": settings.REDIS_URL,
        # A real broker, as in production: tasks are queued in Redis, not run in the request.
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONUNBUFFERED": "1",
        **environment,
    }
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "samskapa.wsgi:application"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--timeout", "60"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            browser = Browser(f"http://127.0.0.1:{port}")
            _wait_until_listening(port, server, log)
            yield browser
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_listening(port: int, server: subprocess.Popen[bytes], log: object) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)  # type: ignore[attr-defined]
            raise RuntimeError("gunicorn exited:\n" + log.read().decode())  # type: ignore[attr-defined]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start within 60 seconds")
