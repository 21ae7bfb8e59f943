"""Headless Chromium for tests: open a local page at a given window size, run JavaScript in it, read its DOM,
take a screenshot.

One browser is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: JSON messages ending
in NUL on file descriptors 3 and 4), so nothing beyond Chromium itself is needed and nothing listens on a port.

Use the ``browser`` fixture (``tests/conftest.py``)::

    def test_page(browser, tmp_path):
        page = browser.open(tmp_path / "report.html", width=1280, height=800)
        assert page.evaluate("document.querySelectorAll('li').length") == 3
        page.screenshot(tmp_path / "report.png")

Without Chromium the fixture skips the test with a reason that says how to install it; with
``RINGKAS_REQUIRE_BROWSER=1`` (set by ``.ci/run``) a missing browser fails the test instead, so CI still
proves the HTML works. ``RINGKAS_SCREENSHOTS=DIR`` keeps every screenshot a test takes in ``DIR`` too.
"""

from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
REQUIRE_ENV = "RINGKAS_REQUIRE_BROWSER"
SCREENSHOTS_ENV = "RINGKAS_SCREENSHOTS"
INSTALL_HINT = ("headless Chromium is needed for the browser tests: install it with `apt-get install -y chromium` "
                "(Debian/Ubuntu), or put chromium or google-chrome on PATH")


class BrowserError(RuntimeError):
    pass


def find_chromium() -> str | None:
    """The first Chromium-family browser on PATH, or None."""
    return next((path for path in map(shutil.which, CANDIDATES) if path), None)


def browser_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip().lower() not in ("", "0", "false", "no")


def chromium_or_skip() -> str:
    """The browser to use; without one, skip the test saying how to install it (fail it where required)."""
    import pytest

    executable = find_chromium()
    if executable is None:
        if browser_required():
            pytest.fail(f"{INSTALL_HINT} ({REQUIRE_ENV} is set, so a missing browser is a failure)")
        pytest.skip(INSTALL_HINT)
    return executable


class Browser:
    """One headless Chromium process; :meth:`open` gives a fresh tab per page."""

    def __init__(self, executable: str, profile: Path, timeout: float = 60.0):
        self.timeout = timeout
        self._next_id = 0
        self._buffer = b""
        self._events: list[dict[str, Any]] = []
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_fds() -> None:  # in the child: the browser reads commands on fd 3 and writes replies on fd 4
            high_r, high_w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            # dup2 onto itself (fd 3 was free, so os.dup returned 3) keeps close-on-exec: clear it
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        self._process = subprocess.Popen(
            [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            # close_fds would close 3 and 4 after wire_fds; Python's own descriptors are not inherited anyway
            close_fds=False, preexec_fn=wire_fds)
        os.close(to_browser_r)
        os.close(from_browser_w)

    def open(self, page: Path | str, width: int = 1280, height: int = 800) -> Page:
        """Load ``page`` (a path or URL) in a new tab whose viewport is ``width`` x ``height`` CSS pixels."""
        url = Path(page).resolve().as_uri() if isinstance(page, Path) or "://" not in str(page) else str(page)
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tab = Page(self, session, target)
        tab.send("Page.enable")
        tab.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1,
                 mobile=False)
        tab.send("Page.navigate", url=url)
        self._wait_event("Page.loadEventFired", session)
        return tab

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            self._events.append(reply)

    def _wait_event(self, method: str, session: str) -> dict[str, Any]:
        while True:
            for event in self._events:
                if event.get("method") == method and event.get("sessionId") == session:
                    self._events.remove(event)
                    return event
            self._events.append(self._read())

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {self.timeout:.0f} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium exited: " + self._stderr_tail())
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def _stderr_tail(self) -> str:
        try:
            self._process.wait(timeout=5)
            return (self._process.stderr.read() or b"").decode(errors="replace")[-2000:]
        except subprocess.TimeoutExpired:
            return "(still running)"

    def close(self) -> None:
        try:
            self.send("Browser.close")
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
        self._process.stderr.close()


class Page:
    """One loaded tab."""

    def __init__(self, browser: Browser, session: str, target: str):
        self.browser, self.session, self.target = browser, session, target

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        return self.browser.send(method, self.session, **params)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression (JSON-serialisable values; a Promise is awaited)."""
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise BrowserError(f"JavaScript failed: {details.get('exception', {}).get('description') or details}")
        return result["result"].get("value")

    def dom(self) -> str:
        """The document as the browser built it (after parsing and any scripts)."""
        return self.evaluate("document.documentElement.outerHTML")

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        """A PNG of the viewport (or of the whole page) at ``path``; also copied to ``$RINGKAS_SCREENSHOTS``."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
            params["clip"] = {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}
        data = base64.b64decode(self.send("Page.captureScreenshot", **params)["data"])
        path = Path(path)
        path.write_bytes(data)
        keep = os.environ.get(SCREENSHOTS_ENV)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            (Path(keep) / path.name).write_bytes(data)
        return path

    def close(self) -> None:
        self.browser.send("Target.closeTarget", targetId=self.target)


# JavaScript checks shared by the page tests. Each is an expression whose value is a list of problems
# (empty when the page is fine), so a failing assert shows what is wrong.
# A table overflows when it is wider than its container (shown or behind a scroll bar), when the container
# reaches past the window, or when the page itself scrolls sideways.
OVERFLOWING_TABLES = """
[...document.querySelectorAll('table')].flatMap(table => {
  const box = table.parentElement, page = document.documentElement;
  const problems = [];
  if (table.getBoundingClientRect().right > box.getBoundingClientRect().right + 0.5
      || box.scrollWidth > box.clientWidth + 0.5)
    problems.push(`table ${table.id || table.className || '?'}: ${Math.round(table.getBoundingClientRect().width)}px`
                  + ` in a ${box.clientWidth}px container`);
  if (box.getBoundingClientRect().right > page.clientWidth + 0.5)
    problems.push(`the box of table ${table.id || table.className || '?'} ends past the window`
                  + ` (${page.clientWidth}px)`);
  return problems;
}).concat(document.documentElement.scrollWidth > document.documentElement.clientWidth + 0.5
          ? [`page scrolls sideways: ${document.documentElement.scrollWidth}px in a `
             + `${document.documentElement.clientWidth}px window`] : [])
"""
