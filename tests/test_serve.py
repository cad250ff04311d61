"""`mkdocs serve` rebuilds when a case or the taxonomy changes; its search index follows its pages."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from helpers import Site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, contains: str, seconds: float = 60) -> str:
    deadline, last = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
                if contains in last:
                    return last
        except (urllib.error.URLError, ConnectionError):
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never contained {contains!r}; last answer: {last[:300]!r}")


def _indexed_pages(base: str, wanted: int | None = None, seconds: float = 60) -> int:
    """The pages of the search index; with `wanted`, once it has that many (it catches up after the pages)."""
    deadline, count = time.monotonic() + seconds, -1
    while True:
        try:
            with urllib.request.urlopen(base + "pagefind/pagefind-entry.json", timeout=5) as response:
                count = json.load(response)["languages"]["en"]["page_count"]
        except urllib.error.URLError:
            pass
        if (count >= 0 and wanted is None) or count == wanted or time.monotonic() > deadline:
            return count
        time.sleep(0.3)


def test_serve_rebuilds_on_case_and_taxonomy_changes(site: Site):
    """The search index too: serving needs no separate step."""
    site.add_case("water")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "catalogue/", "Clean water for schools")
        before = _indexed_pages(base)
        site.add_case("schools", title="Schools online")
        _wait_for(base + "catalogue/", "Schools online")
        assert _indexed_pages(base, before + 1) == before + 1
        taxonomy = site.cases / "taxonomy.yml"
        taxonomy.write_text(taxonomy.read_text("utf-8").replace("label: Health", "label: Public health"), "utf-8")
        _wait_for(base + "sectors/", "Public health")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_no_second_process_is_forked_while_another_thread_runs():
    """As in `mkdocs serve --clean`, which builds with the command "build" while its server runs."""
    script = (
        "import threading\n"
        "from casebook.processes import can_fork\n"
        "alone = can_fork()\n"
        "stop = threading.Event()\n"
        "thread = threading.Thread(target=stop.wait)\n"
        "thread.start()\n"
        "print(alone, can_fork())\n"
        "stop.set()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["True", "False"], result.stderr
