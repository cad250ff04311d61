"""`mkdocs serve` rebuilds when a case or the taxonomy changes."""

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


def _indexed_pages(base: str) -> int:
    with urllib.request.urlopen(base + "pagefind/pagefind-entry.json", timeout=5) as response:
        return json.load(response)["languages"]["en"]["page_count"]


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
        assert _indexed_pages(base) == before + 1
        taxonomy = site.cases / "taxonomy.yml"
        taxonomy.write_text(taxonomy.read_text("utf-8").replace("label: Health", "label: Public health"), "utf-8")
        _wait_for(base + "sectors/", "Public health")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_process_that_builds_again_keeps_no_build_in_memory(site: Site):
    """A one-shot `mkdocs build` leaves the corpus out of the garbage collector's scans until it
    exits; a process that builds again (a server, a script using MkDocs's API) gets it all back."""
    site.add_case("water")
    script = (
        "import gc\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "for _ in range(2):\n"
        "    build(load_config('mkdocs.yml'))\n"
        "    print(gc.get_freeze_count())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=site.root, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0", "0"]
    assert (site.out / "cases" / "water" / "index.html").is_file()
