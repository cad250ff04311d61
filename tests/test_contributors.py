"""What contributors and followers see: edit links, dates from git, the Atom feeds, recent cases."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET

from helpers import Site

ATOM = "{http://www.w3.org/2005/Atom}"


def git(site: Site, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00Z", "GIT_COMMITTER_DATE": f"{date}T12:00:00Z"}
    subprocess.run(["git", *args], cwd=site.root, env=env, check=True, capture_output=True)


def history(site: Site) -> None:
    """water added 2026-01-10 and changed 2026-03-05; schools added 2026-02-20."""
    git(site, "init", "-q")
    site.add_case("water")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "water", date="2026-01-10")
    site.add_case("schools", title="Schools online", sectors=["education"])
    git(site, "add", "-A")
    git(site, "commit", "-qm", "schools", date="2026-02-20")
    site.add_case("water", summary="Now with numbers: 40 schools.")
    git(site, "commit", "-qam", "water again", date="2026-03-05")


def test_case_page_links_to_its_source_file_for_editing(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "repo_url: https://github.com/example/casebook\nedit_uri: edit/main/content/\n", "utf-8")
    site.add_case("water")
    site.build()
    link = site.html("cases/water/index.html").find("a", string="Edit this case")
    assert link["href"] == "https://github.com/example/casebook/edit/main/cases/water.md"


def test_last_updated_and_recent_cases_come_from_git(site: Site):
    (site.root / "content" / "index.md").write_text("# Home\n\n<!-- casebook:recent-cases -->\n", "utf-8")
    history(site)
    site.build()
    assert "Last updated 5 March 2026." in site.content("cases/water/index.html").get_text()
    recent = site.content("index.html").select(".casebook-recent li")
    assert [li.get_text(" ", strip=True) for li in recent] == ["Schools online added 20 February 2026", "Clean water for schools added 10 January 2026"]


def test_site_feed_is_atom_newest_change_first(site: Site):
    history(site)
    site.build()
    feed = ET.parse(site.out / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == "2026-03-05T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Clean water for schools", "Schools online"]
    water = entries[0]
    assert water.findtext(f"{ATOM}published") == "2026-01-10T00:00:00Z"
    assert water.findtext(f"{ATOM}summary") == "Now with numbers: 40 schools."
    assert water.find(f"{ATOM}link").get("href") == "cases/water/"
    assert water.findtext(f"{ATOM}id") == "urn:casebook:case:water"


def test_every_term_page_has_its_own_feed(site: Site):
    history(site)
    site.build()
    feed = ET.parse(site.out / "sectors" / "education" / "feed.xml").getroot()
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Schools online"]
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert (site.out / "sectors/education" / link / "index.html").resolve().is_file()
    page = site.html("sectors/education/index.html")
    assert page.find("a", string="Follow this sector (Atom feed)")["href"] == "../../sectors/education/feed.xml"
    assert (site.out / "partners" / "unicef" / "feed.xml").is_file()
    assert (site.out / "countries" / "ke" / "feed.xml").is_file()


def test_feeds_use_absolute_addresses_with_a_site_url_and_escape_content(site: Site):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "site_url: https://casebook.example.org/\n", "utf-8")
    site.add_case("water", title="Water & <soap>", summary="]]> & <b>not bold</b>")
    os.environ["CASEBOOK_TODAY"] = "2026-11-25"
    try:
        site.build()
    finally:
        del os.environ["CASEBOOK_TODAY"]
    feed = ET.parse(site.out / "feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Water & <soap>"
    assert entry.findtext(f"{ATOM}summary") == "]]> & <b>not bold</b>"
    assert entry.findtext(f"{ATOM}id") == "https://casebook.example.org/cases/water/"
    assert entry.findtext(f"{ATOM}updated") == "2026-11-25T00:00:00Z"
