"""`casebook new`: a contributor's first case, from flags or from answers, passes the checker as written."""

from __future__ import annotations

import subprocess
import sys

from helpers import Site, commonmark, list_items, markdown_sections, text_of

FLAGS = [
    "--title", "Acme and UNICEF: water for schools", "--summary", "Acme and UNICEF bring water to 40 schools.",
    "--partner", "Acme Ltd:business", "--partner", "UNICEF:un-entity", "--purposes", "operational-delivery",
    "--sectors", "health,education", "--scale", "project", "--countries", "KE,NO", "--source", "A/58/227", "--paragraphs", "50,51",
]  # fmt: skip


def new(site: Site, *args: str, answers: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "casebook.cli", "new", *args], cwd=site.root, input=answers or "", capture_output=True, text=True, timeout=60
    )


def test_new_from_flags_writes_a_case_that_checks_and_builds(site: Site):
    result = new(site, "--no-input", *FLAGS)
    assert result.returncode == 0, result.stderr
    path = site.cases / "acme-and-unicef-water-for-schools.md"
    text = path.read_text("utf-8")
    assert "title: 'Acme and UNICEF: water for schools'" in text
    assert "- 'NO'" in text  # Norway, quoted so that no YAML reader takes it for false
    assert "## What each partner brought" in text and "**Acme Ltd**" in text
    assert site.check().returncode == 0
    site.build()
    assert (site.out / "cases/acme-and-unicef-water-for-schools/index.html").is_file()


def test_new_outline_keeps_its_structure_whatever_the_partner_is_called(site: Site):
    name = "# *Acme* [Ltd](https://example.org) | <b>&amp;</b>"
    flags = [name + ":business" if flag == "Acme Ltd:business" else flag for flag in FLAGS]
    result = new(site, "--no-input", *flags)
    assert result.returncode == 0, result.stderr
    text = (site.cases / "acme-and-unicef-water-for-schools.md").read_text("utf-8")
    body = text.split("---\n", 2)[2]
    sections = dict(markdown_sections(commonmark(body)))
    assert list(sections) == ["Context", "What each partner brought", "What came of it", "Lessons"]
    (item,) = list_items(sections["What each partner brought"][0])
    strong = [node for node in item.children[0].children[0].children if node.type != "text"]
    assert [node.type for node in strong] == ["strong"] and text_of(strong[0]) == name
    assert site.check().returncode == 0


def test_new_refuses_a_near_miss_without_confirmation(site: Site):
    args = ["--no-input", *FLAGS]
    args[args.index("health,education")] = "helth"
    result = new(site, *args)
    assert result.returncode == 1
    assert "'helth' is not a known sector (did you mean 'health'?)" in result.stderr
    assert list(site.cases.glob("*.md")) == []


def test_new_never_overwrites(site: Site):
    assert new(site, "--no-input", *FLAGS).returncode == 0
    again = new(site, "--no-input", *FLAGS)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_new_asks_offers_terms_and_confirms_near_misses(site: Site):
    answers = "\n".join([
        "Water for all", "Acme and UNICEF bring water to schools.",
        "Acme:bussiness", "y",        # near miss of 'business', confirmed
        "UNICEF:un-entity",
        "5",                          # operational-delivery, by its number in the list shown
        "health", "project",
        "Kenya", "y",                 # a country name, confirmed as KE
        "A/58/227", "50",
    ]) + "\n"  # fmt: skip
    result = new(site, "--interactive", answers=answers)
    assert result.returncode == 0, result.stderr
    assert "operational-delivery" in result.stderr and "Collaborating on joint programme" in result.stderr
    text = (site.cases / "water-for-all.md").read_text("utf-8")
    assert "type: business" in text and "- operational-delivery" in text and "- KE" in text
    assert site.check().returncode == 0


def test_new_without_input_names_what_is_missing(site: Site):
    result = new(site, "--no-input", "--title", "Only a title")
    assert result.returncode == 1
    assert "Summary" in result.stderr and "is missing" in result.stderr


def test_new_asks_only_for_what_the_model_requires_and_says_what_it_mended(site: Site):
    args = ["--no-input", *FLAGS[: FLAGS.index("--source")]]
    args[args.index("KE,NO")] = "ke,No"
    args[args.index("operational-delivery")] = "Operational-Delivery"
    result = new(site, *args)
    assert result.returncode == 0, result.stderr
    text = (site.cases / "acme-and-unicef-water-for-schools.md").read_text("utf-8")
    assert "- KE\n" in text and "- 'NO'\n" in text and "- operational-delivery\n" in text and "\nsource:" not in text
    assert "wrote the country code 'KE' for 'ke'" in result.stderr
    assert "wrote the country code 'NO' for 'No'" in result.stderr
    assert "wrote the purpose 'operational-delivery' for 'Operational-Delivery'" in result.stderr
    assert site.check().returncode == 0
