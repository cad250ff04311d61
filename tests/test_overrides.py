"""A site's `custom_dir/casebook/NAME` replaces Casebook's template NAME, in the built site and in
the command line's briefings; a file there that replaces nothing is reported."""

from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

from bs4 import BeautifulSoup
from markdown_it.tree import SyntaxTreeNode

from helpers import ROOT, Site, commonmark, markdown_sections, table_rows, text_of

TEMPLATES = ROOT / "plugins" / "casebook" / "render" / "templates"


def readme_section() -> list[SyntaxTreeNode]:
    return dict(markdown_sections(commonmark((ROOT / "README.md").read_text("utf-8"))))["Restyling: the site's own templates"]


def worked_example() -> str:
    """The README's worked example: what it adds after the facts panel's loop over `facts(case)`."""
    code = next(block.content for block in readme_section() if block.type == "fence" and block.info == "jinja")
    return code.split("{% endfor %}\n", 1)[1]


def override(site: Site, name: str, old: str, new: str) -> Path:
    """The site's copy of Casebook's template `name`, with `old` replaced by `new`."""
    config = site.root / "mkdocs.yml"
    if "custom_dir" not in config.read_text("utf-8"):
        config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"), "utf-8")
    path = site.root / "overrides" / "casebook" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (TEMPLATES / name).read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    return path


def casebook(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "casebook.cli", *args], cwd=site.root, capture_output=True, text=True, timeout=300)


def test_the_readmes_example_changes_every_case_page_and_leaves_the_rest(site: Site):
    site.add_case("water", start=2001)
    site.add_case("schools", title="Schools online", countries=["BR"])
    override(site, "case_facts.html", "{% set related = related_to(case.slug) %}", worked_example() + "{% set related = related_to(case.slug) %}")
    site.build()
    facts = site.html("cases/water/index.html").select_one("aside.casebook-facts")
    assert facts.select_one("dd.casebook-started").get_text() == "2001"
    headings = [dt.get_text() for dt in facts.select("dt")]
    assert headings.index("Started") == headings.index("Reporting") + 1
    assert facts.select_one("dd.casebook-partners") is not None, "the rest of the template is Casebook's"
    assert site.html("cases/schools/index.html").select_one("dd.casebook-started") is None, "no start, no row"
    assert not (site.out / "casebook").exists(), "the site's templates are not published"


def test_an_override_changes_the_briefings_of_the_site_and_of_the_command_line(site: Site):
    site.add_case("water")
    override(site, "briefing_case.html", '<p class="summary">', '<p class="owner-mark">Restricted</p>\n<p class="summary">')
    override(site, "briefing.md", "## {{ case.title|md }}\n", "## {{ case.title|md }}\n\nRestricted.\n")
    site.build()
    built = BeautifulSoup((site.out / "purposes/operational-delivery/briefing.html").read_text("utf-8"), "html.parser")
    assert built.select_one("section.case p.owner-mark").get_text() == "Restricted"
    assert not (site.out / "casebook").exists(), "the site's templates are not published"
    for out in ("pack.html", "pack.md"):
        result = casebook(site, "brief", "--out", out)
        assert result.returncode == 0, result.stderr
    pack = BeautifulSoup((site.root / "pack.html").read_text("utf-8"), "html.parser")
    assert pack.select_one("section.case p.owner-mark").get_text() == "Restricted"
    sections = dict(markdown_sections(commonmark((site.root / "pack.md").read_text("utf-8"))))
    assert text_of(sections["Clean water for schools"][0]) == "Restricted."


def test_an_override_in_another_language_and_of_a_shared_macro(site: Site):
    site.configure(languages=["en", "fr"])
    site.add_case("water")
    override(site, "macros.html", "{% macro case_link(case) -%}", '{% macro case_link(case) -%}<span class="owner-mark"></span>')
    site.build()
    for page in ("purposes/operational-delivery/index.html", "fr/purposes/operational-delivery/index.html"):
        assert site.content(page).select("span.owner-mark"), page


def test_a_misnamed_override_is_reported_by_check_and_fails_a_strict_build(site: Site):
    site.add_case("water")
    path = override(site, "case_facts.html", "<dl>", "<dl>")
    path.rename(path.with_name("case_fact.html"))
    (path.parent / "unheard-of.txt").write_text("", "utf-8")
    result = site.check()
    assert result.returncode == 1
    assert (
        "overrides/casebook/case_fact.html: replaces no Casebook template, so it changes nothing (did you mean 'case_facts.html'?)"
    ) in result.stdout
    unheard = next(line for line in result.stdout.splitlines() if "unheard-of.txt" in line)
    assert "; the templates are: 404.html, briefing.html, briefing.md," in unheard
    as_json = json.loads(casebook(site, "check", "--format", "json").stdout)
    assert not as_json["ok"] and [u["path"] for u in as_json["unused_templates"]] == ["overrides/casebook/case_fact.html", "overrides/casebook/unheard-of.txt"]
    github = casebook(site, "check", "--format", "github").stdout
    assert "::warning file=overrides/casebook/case_fact.html::overrides/casebook/case_fact.html: replaces no Casebook template" in github
    build = site.build(check=False)
    assert build.returncode != 0
    assert "overrides/casebook/case_fact.html: replaces no Casebook template" in build.stderr


def test_the_theme_partials_casebook_adds_are_overridden_in_the_same_folder(site: Site):
    site.add_case("water")
    override(site, "case_facts.html", "<dl>", "<dl>")  # the folder, with one of Casebook's templates
    (site.root / "overrides" / "casebook" / "search-box.html").write_text('<div class="owner-search"></div>\n', "utf-8")
    assert site.check().returncode == 0
    site.build()
    assert site.html("index.html").select_one("header div.owner-search") is not None


def test_the_readme_lists_every_template_and_every_value_they_all_get():
    from casebook.corpus import load_corpus
    from casebook.render.overrides import template_names
    from casebook.render.site import Renderer, SiteOptions
    from casebook.urls import Urls

    section = readme_section()
    table = table_rows(next(block for block in section if block.type == "table"))
    listed = [name for row in table[1:] for name in row[0].split(", ")]
    assert sorted(listed) == template_names()
    shared = next(block for block in section if block.type == "bullet_list")
    named = {node.content.split("(")[0].split("[")[0] for node in shared.walk() if node.type == "code_inline"}
    renderer = Renderer(load_corpus(ROOT / "cases", lessons_dir=ROOT / "content" / "lessons"), Urls(), SiteOptions())
    assert set(renderer.common) <= named, set(renderer.common) - named
