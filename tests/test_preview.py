"""A preview (`mkdocs serve --dirty`, as scripts/serve runs it) renders again only what an edit
touches, and after any sequence of edits serves the site that a clean build of the same files
gives, page by page; a broken edit keeps the last good site and shows its problems."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import contextlib
import json
import os
from pathlib import Path
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from casebook.search_index import LANGUAGES_DIR, OUTPUT_DIR
from helpers import ROOT, Site, translation

TODAY = {"CASEBOOK_TODAY": "2003-08-18"}
LIVERELOAD = re.compile(rb"<script>[^<]*var livereload[^<]*</script>")
"""What MkDocs' server adds to every page it serves."""
PACKAGE = ROOT / "plugins" / "casebook"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`mkdocs serve --dirty --strict` of a site, read back over HTTP."""

    def __init__(self, site: Site, port: int):
        self.site, self.base = site, f"http://127.0.0.1:{port}/"
        self.log = site.root / "serve.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "-a", f"127.0.0.1:{port}"],
                cwd=site.root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **TODAY},
            )  # fmt: skip

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=120) as response:
                return response.status, LIVERELOAD.sub(b"", response.read())
        except urllib.error.HTTPError as e:
            return e.code, b""

    def epoch(self, after: int = 0) -> int:
        """The version of the site the server shows; with `after`, wait for a newer one."""
        with urllib.request.urlopen(f"{self.base}livereload/{after}/0", timeout=120) as response:
            return int(response.read())

    def said(self) -> str:
        return self.log.read_text("utf-8", errors="replace")


@contextlib.contextmanager
def serving(site: Site) -> Iterator[Served]:
    served = Served(site, int(site.root.joinpath("port").read_text()))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                served.epoch()
                break
            except (urllib.error.URLError, ConnectionError):
                assert served.process.poll() is None and time.monotonic() < deadline, served.said()
                time.sleep(0.3)
        yield served
    finally:
        served.process.terminate()
        served.process.wait(timeout=60)


def clean_build(site: Site) -> dict[str, bytes]:
    """The site that `mkdocs build` makes of the same files, but the search index, whose own files
    differ from one build to the next (Pagefind's are not reproducible)."""
    site.build(env=TODAY)
    return {path: data for path, data in site.files().items() if not path.startswith((f"{OUTPUT_DIR}/", f"{LANGUAGES_DIR}/"))}


def page_count(data: bytes) -> int:
    return sum(language["page_count"] for language in json.loads(data)["languages"].values())


def same_site(served: Served, site: Site, before: set[str]) -> Callable[[], list[str]]:
    """A check that the served site is the clean build's, file by file; that what the clean build
    no longer has is gone; and that the search index has its pages."""
    expected = clean_build(site)
    entry = {bundle: site.out.joinpath(bundle, "pagefind-entry.json").read_bytes() for bundle in (OUTPUT_DIR, LANGUAGES_DIR)}

    def differences() -> list[str]:
        found = []
        for path, data in expected.items():
            status, served_data = served.get(path)
            if status != 200 or served_data != data:
                found.append(f"{path}: {status}, {len(served_data)} bytes served, {len(data)} built")
        found += [f"{path}: still served" for path in sorted(before - set(expected)) if served.get(path)[0] != 404]
        for bundle, data in entry.items():
            status, served_data = served.get(f"{bundle}/pagefind-entry.json")
            if status != 200 or page_count(served_data) != page_count(data):
                found.append(f"{bundle}: the search index has {page_count(served_data) if status == 200 else 'no'} pages, the build's {page_count(data)}")
        return found

    return differences


def settle(check: Callable[[], list[str]], seconds: float = 90) -> list[str]:
    """The differences once the preview has caught up (its files and search index follow its pages)."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def each_as_a_clean_build(served: Served, site: Site, edits: list[tuple[str, Callable[[], None]]]) -> Iterator[str]:
    """Make each edit with the preview open: after each, the served site is the site a clean build
    of the same files gives (checked before the edit's name is yielded, for the caller's own checks)."""
    before = set(clean_build(site))
    assert settle(same_site(served, site, set())) == []
    for name, edit in edits:
        epoch = served.epoch()
        edit()
        served.epoch(after=epoch)
        found = settle(same_site(served, site, before))
        assert found == [], f"after {name}: " + "; ".join(found) + f"\n{served.said()[-3000:]}"
        yield name
        before = set(clean_build(site))


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def preview_site(site: Site) -> Site:
    """Two languages, three cases, a translation, a lesson that a case names, a partner registry,
    and authored pages with Casebook's markers."""
    site.root.joinpath("port").write_text(str(_free_port()))
    port = site.root.joinpath("port").read_text()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + f"site_url: http://127.0.0.1:{port}/\n", "utf-8")
    site.configure(languages=["en", "fr"])
    content = site.root / "content"
    (content / "index.md").write_text("# Home\n\n<!-- casebook:totals -->\n\n<!-- casebook:purpose-counts -->\n", "utf-8")
    (content / "lessons" / "index.md").write_text("# Lessons\n\n<!-- casebook:lessons -->\n", "utf-8")
    (content / "challenges").mkdir()
    (content / "challenges" / "funding.md").write_text("# Funding partnership processes\n\nWho pays for brokering.\n", "utf-8")
    site.add_case("water", lessons=["real-world-test"])
    site.add_case("schools", title="Schools online", purposes=["advocacy"], countries=["BR"], partners=[{"name": "Acme Water", "type": "business"}, {"name": "UNDP", "type": "un-entity"}])
    site.add_case("energy", title="Solar energy for clinics", sectors=["energy"], countries=["IN"])
    (site.cases / "water.fr.md").write_text(translation("fr"), "utf-8")
    (site.cases / "partners.yml").write_text("partners:\n  - name: Acme Water Company\n    type: business\n    spellings: [Acme Water]\n", "utf-8")
    return site


@contextlib.contextmanager
def edited(path: Path, old: str, new: str) -> Iterator[None]:
    """A file of Casebook's own changed for the length of a test, then put back."""
    original = path.read_bytes()
    try:
        rewrite(path, old, new)
        yield
    finally:
        path.write_bytes(original)


def test_after_any_sequence_of_edits_the_preview_serves_what_a_clean_build_gives(preview_site: Site):
    site = preview_site
    cases, content = site.cases, site.root / "content"
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a case's body", lambda: rewrite(cases / "water.md", "What happened.", "What happened: wells in forty schools.")),
        ("front matter that moves a case between terms", lambda: rewrite(cases / "energy.md", "- IN", "- KE\n- TZ")),
        ("a new case", lambda: site.add_case("forests", title="Forests and livelihoods", sectors=["environment"], countries=["ID"])),
        ("a deleted case", lambda: (cases / "schools.md").unlink()),
        ("a renamed case", lambda: (cases / "energy.md").rename(cases / "solar-clinics.md")),
        ("a lesson", lambda: rewrite(content / "lessons" / "real-world-test.md", "Partnerships must prove their worth.", "Partnerships must prove their worth in the field.")),
        ("a challenge", lambda: rewrite(content / "challenges" / "funding.md", "Who pays for brokering.", "Who pays for brokering, and how.")),
        ("an authored page", lambda: rewrite(content / "index.md", "# Home", "# Home of the casebook")),
        ("a new authored page with a marker", lambda: (content / "figures.md").write_text("# Figures\n\n<!-- casebook:totals -->\n", "utf-8")),
        ("a deleted challenge", lambda: (content / "challenges" / "funding.md").unlink()),
        ("a vocabulary label", lambda: rewrite(cases / "taxonomy.yml", "label: Health", "label: Public health")),
        ("the partner registry", lambda: rewrite(cases / "partners.yml", "name: Acme Water Company", "name: Acme Water Corporation")),
        ("a translation", lambda: rewrite(cases / "water.fr.md", "écoles", "écoles rurales")),
        ("a new translation", lambda: (cases / "forests.fr.md").write_text(translation("fr", title="Forêts et moyens de subsistance"), "utf-8")),
        ("mkdocs.yml", lambda: rewrite(site.root / "mkdocs.yml", "site_name: Test casebook", "site_name: Casebook of tests")),
    ]
    with serving(site) as served:
        for _ in each_as_a_clean_build(served, site, edits):
            pass
        before = set(clean_build(site))
        # Casebook's own templates and messages, which a developer edits with the preview open.
        for name, path, old, new in [
            ("a Casebook template", PACKAGE / "render" / "templates" / "case_item.html", "{{ case_link(case) }}", "{{ case_link(case) }}<!-- edited -->"),
            ("a message catalogue", PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "casebook.po", 'msgstr "Catalogue"', 'msgstr "Catalogue des cas"'),
        ]:
            with edited(path, old, new):
                epoch = served.epoch()
                os.utime(path)
                served.epoch(after=epoch)
                assert settle(same_site(served, site, before)) == [], f"after {name}:\n{served.said()[-3000:]}"
            epoch = served.epoch()
            os.utime(path)
            served.epoch(after=epoch)
            assert settle(same_site(served, site, before)) == [], f"after {name} was put back:\n{served.said()[-3000:]}"


def test_a_term_list_that_gains_and_loses_a_page_in_the_preview_is_a_clean_builds(preview_site: Site):
    """Health's list holds 32 cases, one page. A page ends after a case whose address says so
    (`zinc`'s does) once it holds 30: a new case there makes a second page, a new title moves a case
    from one page to the other, and the new case's removal takes the second page away. Kenya's list
    in French, where the translated case sorts first, gains its second page only with the new title:
    English's shell of further pages, kept from the last build, must then link to French's."""
    site = preview_site
    for i in range(30):
        site.add_case(f"case-{i:02d}", title=f"Case {i:02d}")
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a case that makes a second page", lambda: site.add_case("zinc", title="Case 29: zinc for wells")),
        ("a title that moves a case to the other page", lambda: rewrite(site.cases / "case-00.md", "title: Case 00", "title: Zoning of wells")),
        ("the case that made a second page removed", lambda: (site.cases / "zinc.md").unlink()),
    ]
    with serving(site) as served:
        for name in each_as_a_clean_build(served, site, edits):
            second = served.get("sectors/health/page/2/")[0]
            assert second == (404 if name.endswith("removed") else 200), (name, second)


def test_the_partners_list_in_pages_follows_new_and_removed_partners_in_the_preview(preview_site: Site):
    """The list of partners, a page at a time, after a case brings a new partner, then goes."""
    site = preview_site
    for i in range(70):
        site.add_case(f"case-{i:02d}", title=f"Case {i:02d}", partners=[{"name": f"Company {i:02d}", "type": "business"}, {"name": "UNDP", "type": "un-entity"}])
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a case with a new partner", lambda: site.add_case("newcomer", partners=[{"name": "Company 33a", "type": "business"}, {"name": "UNDP", "type": "un-entity"}])),
        ("the case with the new partner removed", lambda: (site.cases / "newcomer.md").unlink()),
    ]
    with serving(site) as served:
        for _ in each_as_a_clean_build(served, site, edits):
            assert served.get("partners/page/2/")[0] == 200


def test_a_broken_edit_keeps_the_last_good_site_and_shows_its_problems_until_mended(preview_site: Site):
    site = preview_site
    with serving(site) as served:
        good = same_site(served, site, set())
        assert settle(good) == []
        epoch = served.epoch()
        rewrite(site.cases / "water.md", "scale: project", "scale: projet")
        served.epoch(after=epoch)  # the server does not hang: it serves the last good site
        status, script = served.get("assets/casebook/search.js")
        assert status == 200 and b"cases/water.md:" in script and b"scale:" in script and b"project" in script  # the suggestion
        # Every page shows it: the script that every page loads carries it.
        status, page = served.get("cases/schools/")
        assert status == 200 and b"assets/casebook/search.js" in page
        assert "cases/water.md:" in served.said()  # and the terminal says it
        assert settle(lambda: [d for d in good() if not d.startswith("assets/casebook/search.js")]) == []
        epoch = served.epoch()
        rewrite(site.cases / "water.md", "scale: projet", "scale: project")
        served.epoch(after=epoch)
        assert settle(same_site(served, site, set())) == []
        assert b"casebookProblems" not in served.get("assets/casebook/search.js")[1]


def test_an_edit_of_a_case_renders_again_only_what_shows_it(preview_site: Site):
    """What the preview writes after an edit of a case's text: its pages, not the other cases'."""
    site = preview_site
    with serving(site) as served:
        assert settle(same_site(served, site, set())) == []
        _, other = served.get("cases/schools/")
        epoch = served.epoch()
        rewrite(site.cases / "water.md", "What happened.", "What happened, told again.")
        served.epoch(after=epoch)
        assert b"told again" in served.get("cases/water/")[1]
        assert "Building documentation" in served.said()
        said = served.said().rsplit("Building documentation", 1)[1]
        rendered = re.search(r"rendered again (\d+) of (\d+)", said)
        assert rendered is not None and 0 < int(rendered.group(1)) < int(rendered.group(2)) // 4, said
        assert served.get("cases/schools/")[1] == other


def test_the_preview_follows_an_edit_of_the_sites_own_templates(preview_site: Site):
    """`custom_dir/casebook/NAME` (render/overrides.py): written, edited and removed with the preview
    open, each time the site a clean build gives."""
    site = preview_site
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"), "utf-8")
    folder = site.root / "overrides" / "casebook"
    folder.mkdir(parents=True)
    ours = PACKAGE / "render" / "templates" / "case_facts.html"
    facts = folder / "case_facts.html"
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a new override", lambda: facts.write_text(ours.read_text("utf-8").replace("<dl>", '<dl class="owner">'), "utf-8")),
        ("an edited override", lambda: rewrite(facts, '<dl class="owner">', '<dl class="owner edited">')),
        ("a removed override", facts.unlink),
    ]
    with serving(site) as served:
        for name in each_as_a_clean_build(served, site, edits):
            page = served.get("cases/water/")[1]
            assert (b'class="owner edited"' in page) == (name == "an edited override")


def test_the_preview_frees_the_address_of_a_deleted_case_and_shows_a_clash_without_hanging(preview_site: Site):
    """A preview settles only the addresses an edit changed (addresses.py): the place of a deleted
    case is free for an author's page. A case that comes back to it clashes with that page: a broken
    edit, like a content problem, which keeps the last good site and shows the clash in every page
    until the page goes."""
    site = preview_site
    page = site.root / "content" / "cases" / "schools" / "index.md"
    clash = b"cases/schools/index.html would be written by both content/cases/schools/index.md and cases/schools.md"
    with serving(site) as served:
        assert settle(same_site(served, site, set())) == []
        for edit in ((site.cases / "schools.md").unlink, lambda: (page.parent.mkdir(parents=True), page.write_text("# Our schools\n", "utf-8"))):
            epoch = served.epoch()
            edit()
            served.epoch(after=epoch)
        assert settle(same_site(served, site, set())) == []
        assert b"Our schools" in served.get("cases/schools/")[1]
        good = same_site(served, site, set())
        epoch = served.epoch()
        site.add_case("schools", title="Schools online")
        served.epoch(after=epoch)  # the server does not hang: it serves the last good site
        assert clash in served.get("assets/casebook/search.js")[1]  # shown in every page
        assert clash.decode() in served.said()  # and in the terminal
        assert settle(lambda: [d for d in good() if not d.startswith("assets/casebook/search.js")]) == []
        epoch = served.epoch()
        page.unlink()
        served.epoch(after=epoch)
        assert settle(same_site(served, site, set())) == []
        assert b"Schools online" in served.get("cases/schools/")[1]
        assert b"casebookProblems" not in served.get("assets/casebook/search.js")[1]
        # An author's new page where a case is: the page waits, the case stays.
        good, theirs = same_site(served, site, set()), site.root / "content" / "cases" / "water.md"
        epoch = served.epoch()
        theirs.write_text("# Not the case\n", "utf-8")
        served.epoch(after=epoch)
        assert b"would be written by both content/cases/water.md and cases/water.md" in served.get("assets/casebook/search.js")[1]
        assert settle(lambda: [d for d in good() if not d.startswith("assets/casebook/search.js")]) == []
        epoch = served.epoch()
        theirs.unlink()
        served.epoch(after=epoch)
        assert settle(same_site(served, site, set())) == []


def test_the_next_edit_stops_the_search_index_the_last_one_was_making(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The search index catches up after a preview's refresh; an edit that comes meanwhile must not
    wait for it (Pagefind takes seconds at a thousand cases), so it is stopped. A stand-in for
    Pagefind that would take two minutes shows whether it was stopped or waited for."""
    from casebook import search_index

    index, site_dir = _slow_reindexing(tmp_path, monkeypatch, 'mkdir -p "$4" && touch "$4/started"')
    errors: list[BaseException] = []

    def run() -> None:
        try:
            index.run()
        except BaseException as e:  # reported below: the thread's own would be lost
            errors.append(e)

    worker = threading.Thread(target=run)
    worker.start()
    started = site_dir / search_index.STAGING / OUTPUT_DIR / "started"
    for _ in range(600):  # Pagefind's stand-in is under way (at most a minute)
        if started.exists():
            break
        time.sleep(0.1)
    assert started.exists(), "the search index never started"
    time.sleep(0.5)  # and the preview waits for it
    index.stop()
    worker.join(timeout=60)  # a guard against a hung test, not a measure of speed
    assert not worker.is_alive(), "stopping the search index waited for Pagefind to finish"
    assert not errors, errors
    assert not (site_dir / OUTPUT_DIR).exists(), "a stopped index does not take the place of the last one"


def test_a_search_index_stopped_as_it_starts_leaves_no_pagefind_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An edit can come while the last one's search index is starting, before its Pagefind exists
    to be stopped. That Pagefind must not go on writing into the site folder, which the next build
    may be emptying ("Directory not empty" from a whole build, seen in a preview at 1,000 cases)."""
    pid_file = tmp_path / "pagefind.pid"
    index, site_dir = _slow_reindexing(tmp_path, monkeypatch, f'echo $$ > "{pid_file}"')
    index.stop()  # the next edit, before the index has begun
    index.run()
    time.sleep(1)  # a Pagefind left behind has started by now
    if pid_file.exists():
        pid = int(pid_file.read_text().strip())
        stat = Path(f"/proc/{pid}/stat")
        running = stat.exists() and stat.read_text().split(") ")[1][0] != "Z"
        if running:
            os.kill(pid, 9)
        assert not running, "a stopped search index left Pagefind running"
    assert not (site_dir / OUTPUT_DIR).exists()


def _slow_reindexing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str):
    """A preview's search index whose Pagefind is a stand-in that runs `first` (a shell command;
    its fourth argument is its output folder), then would take two minutes, in one process, as
    Pagefind is. Returns the index and its site folder."""
    from casebook import search_index

    slow = tmp_path / "pagefind"
    slow.write_text(f"#!/bin/sh\n{first}\nexec sleep 120\n", "utf-8")
    slow.chmod(0o755)
    monkeypatch.setattr(search_index, "_executable", lambda: str(slow))
    documents, site_dir = tmp_path / "documents", tmp_path / "site"
    (documents / OUTPUT_DIR).mkdir(parents=True)
    site_dir.mkdir()
    return search_index.Reindexing(documents, site_dir, [OUTPUT_DIR]), site_dir
