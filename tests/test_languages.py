"""The six languages: each language's pages in that language, a switcher that keeps the page, case
translations in their language and nowhere else, bad translations refused, missing ones listed."""

from __future__ import annotations

import json
from pathlib import Path
import re
import subprocess
import sys

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
import pytest

from casebook.languages import CODES, DEFAULT, LANGUAGES, messages
from helpers import ROOT, TRANSLATED_TITLE, Site, make_site, search_records, translation

OTHERS = [code for code in CODES if code != DEFAULT]
@pytest.fixture(scope="module")
def multilingual(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Six languages; 'water' translated into every other language, 'plain' into none."""
    site = make_site(tmp_path_factory.mktemp("languages"))
    site.configure(languages=list(CODES))
    config = site.root / "mkdocs.yml"
    config.write_text("site_url: https://casebook.example.org/\n" + config.read_text("utf-8"), "utf-8")
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    site.add_case("plain", title="A plain English case", purposes=["advocacy"], countries=["BR"])
    for code in OTHERS:
        (site.cases / f"water.{code}.md").write_text(translation(code), "utf-8")
    site.build()
    return site


def _(code: str, message: str) -> str:
    return messages(code).gettext(message)


@pytest.mark.parametrize("code", OTHERS)
def test_each_language_has_its_home_catalogue_term_and_case_pages_in_that_language(multilingual: Site, code: str):
    pages = {"home": f"{code}/index.html", "catalogue": f"{code}/catalogue/index.html", "term": f"{code}/purposes/advocacy/index.html",
             "case": f"{code}/cases/water/index.html"}  # fmt: skip
    for name, path in pages.items():
        html = multilingual.html(path)
        assert html.html["lang"] == code, name
        assert html.body["dir"] == ("rtl" if LANGUAGES[code].rtl else "ltr"), name
        nav = html.select_one("nav.md-nav--primary")
        assert _(code, "Catalogue") in [a.get_text(strip=True) for a in nav.select("a")], name
        home_url = '../' * (path.count('/') - 1) or './'  # this language's home, from the page
        assert [a["href"] for a in html.select("a.md-logo")] == [home_url, home_url], f"{name}: the logo leads home, in this language"
    home = multilingual.content(pages["home"])
    assert home.h1.get_text(strip=True).rstrip("¶") == _(code, "Home")
    assert _(code, "At a glance") in home.get_text()
    catalogue = multilingual.content(pages["catalogue"])
    assert catalogue.h1.get_text(strip=True).rstrip("¶") == _(code, "Catalogue")
    assert catalogue.select_one("#casebook-q").find_parent("p").label.get_text() == _(code, "Search the cases")
    term = multilingual.html(pages["term"])
    label = _(code, "%(facet)s: %(term)s") % {"facet": _(code, "Purpose"), "term": _term_label("purposes", "advocacy", code)}
    assert term.select_one("article h1").get_text(strip=True) == label
    case = multilingual.content(pages["case"])
    assert case.h1.get_text(strip=True).rstrip("¶") == TRANSLATED_TITLE[code]
    assert [dt.get_text() for dt in case.select(".casebook-facts dt")][:3] == [_(code, "Partners"), _(code, "Purposes"), _(code, "Sectors")]
    assert _term_label("purposes", "advocacy", code) in case.select_one(".casebook-purposes").get_text()


def _term_label(vocabulary: str, term: str, code: str) -> str:
    import yaml

    terms = yaml.safe_load((ROOT / "cases" / "taxonomy.yml").read_text("utf-8"))[vocabulary]
    return next(t["labels"][code] for t in terms if t["id"] == term)


def test_the_default_language_stays_at_the_root_and_in_english(multilingual: Site):
    page = multilingual.html("purposes/advocacy/index.html")
    assert page.html["lang"] == "en" and page.body["dir"] == "ltr"
    assert page.select_one("article h1").get_text(strip=True) == "Purpose: Advocacy"
    assert multilingual.content("cases/water/index.html").h1.get_text(strip=True).rstrip("¶") == "Clean water for schools"


@pytest.mark.parametrize("path", ["", "catalogue/", "purposes/advocacy/", "countries/br/", "map/", "cases/water/"])
def test_switching_languages_keeps_the_page(multilingual: Site, path: str):
    for here in CODES:
        prefix = LANGUAGES[here].prefix
        page = multilingual.html(f"{prefix}{path}index.html")
        links = {a["hreflang"]: a for a in page.select(".casebook-languages a")}
        assert list(links) == list(CODES), "every language, in the UN's order"
        for code, link in links.items():
            target = (multilingual.out / prefix / path / link["href"]).resolve()
            assert target == (multilingual.out / LANGUAGES[code].prefix / path).resolve(), (here, code)
            assert link["lang"] == code and link.get_text() == LANGUAGES[code].name
            assert (link.get("aria-current") == "true") == (code == here)


def test_a_page_that_a_language_does_not_have_switches_to_the_nearest_page_above_or_home(multilingual: Site):
    page = multilingual.html("cases/plain/index.html")
    french = page.select_one('.casebook-languages a[hreflang="fr"]')
    assert (multilingual.out / "cases/plain" / french["href"]).resolve() == (multilingual.out / "fr").resolve()
    page = multilingual.html("partners/unicef/index.html")
    french = page.select_one('.casebook-languages a[hreflang="fr"]')
    assert (multilingual.out / "partners/unicef" / french["href"]).resolve() == (multilingual.out / "fr/partners").resolve()


def test_a_translated_case_replaces_the_original_in_its_language_and_nowhere_else(multilingual: Site):
    assert not (multilingual.out / "fr/cases/plain").exists(), "no copy of an untranslated case"
    french = multilingual.content("fr/purposes/advocacy/index.html")
    titles = [a.get_text() for a in french.select(".casebook-case-list li > a")]
    assert titles == [TRANSLATED_TITLE["fr"], "A plain English case"], "the cases in French first, then the others"
    links = {a.get_text(): a for a in french.select(".casebook-case-list a")}
    assert links[TRANSLATED_TITLE["fr"]]["href"] == "../../../fr/cases/water/"
    assert "Clean water for schools" not in links
    plain = links["A plain English case"]
    assert (plain["href"], plain["hreflang"], plain["lang"]) == ("../../../cases/plain/", "en", "en")
    assert plain.find_next_sibling("span").get_text() == _("fr", "(in %(language)s)") % {"language": "anglais"}
    english = multilingual.content("purposes/advocacy/index.html")
    assert [a.get_text() for a in english.select(".casebook-case-list li > a")] == ["A plain English case", "Clean water for schools"]
    exported = {c["slug"]: c for c in json.loads((multilingual.out / "cases.json").read_text("utf-8"))["cases"]}
    assert exported["water"]["title"] == "Clean water for schools"
    assert exported["water"]["translations"]["fr"] == {
        "title": TRANSLATED_TITLE["fr"], "summary": "Résumé (fr) : une entreprise et l'UNICEF.", "url": "fr/cases/water/",
    }  # fmt: skip
    assert list(exported["water"]["translations"]) == OTHERS and exported["plain"]["translations"] == {}


def test_a_partner_has_one_page_which_every_language_links_to(multilingual: Site):
    """A partner's name is the same in every language, and partners grow with the corpus: their pages
    are the default language's; every language has its own list of them."""
    assert (multilingual.out / "partners/unicef/index.html").is_file()
    assert not (multilingual.out / "fr/partners/unicef").exists()
    case = multilingual.content("fr/cases/water/index.html")
    assert case.find("a", string="UNICEF")["href"] == "../../../partners/unicef/"
    partners = multilingual.content("fr/partners/index.html")
    assert partners.h1.get_text(strip=True).rstrip("¶") == _("fr", "Partners")
    assert partners.find("a", string="UNICEF")["href"] == "../../partners/unicef/"


def test_each_case_is_indexed_once_in_its_own_language(multilingual: Site):
    entry = json.loads((multilingual.out / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == [DEFAULT]
    english = search_records(multilingual.out)
    assert {url for url, r in english.items() if r["filters"]["kind"] == ["case"]} == {"/cases/water/", "/cases/plain/"}
    water, plain = english["/cases/water/"], english["/cases/plain/"]
    assert sorted(water["filters"]["translated"]) == sorted(OTHERS) and "translated" not in plain["filters"]
    # Found from every language's pages by the names their readers know, its facts in their words.
    assert "Brésil" in plain["content"] and "巴西" in plain["content"]
    assert plain["meta"]["facts-fr"].endswith("Brésil") and plain["meta"]["facts"].endswith("Brazil")
    assert plain["meta"]["language"] == "en"

    others = json.loads((multilingual.out / "pagefind-languages" / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(others["languages"]) == sorted(OTHERS)
    translated = search_records(multilingual.out, "pagefind-languages")
    cases = {url: r for url, r in translated.items() if r["filters"]["kind"] == ["case"]}
    assert sorted(cases) == sorted(f"/{LANGUAGES[code].prefix}cases/water/" for code in OTHERS), "translations only, no copy of 'plain'"
    french = cases["/fr/cases/water/"]
    assert french["meta"]["title"] == TRANSLATED_TITLE["fr"] and french["filters"]["language"] == ["fr"]
    assert translated["/fr/catalogue/"]["meta"]["title"] == _("fr", "Catalogue"), "each language's own pages, by their titles"


def test_the_sitemap_gives_each_page_its_other_languages(multilingual: Site):
    import xml.etree.ElementTree as ElementTree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(multilingual.out / "sitemap.xml").getroot()
    by_loc = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    base = "https://casebook.example.org/"
    alternates = {link.get("hreflang"): link.get("href") for link in by_loc[base + "fr/cases/water/"].findall("x:link", ns)}
    assert alternates == {**{code: base + LANGUAGES[code].prefix + "cases/water/" for code in CODES}, "x-default": base + "cases/water/"}
    assert by_loc[base + "cases/plain/"].findall("x:link", ns) == []


def test_the_schemas_carry_the_vocabulary_in_every_language_and_the_translation_file(multilingual: Site):
    schema = json.loads((multilingual.out / "schema" / "case.schema.json").read_text("utf-8"))
    labels = schema["properties"]["purposes"]["items"]["x-labels"]["advocacy"]
    assert list(labels) == ["en", *OTHERS] and labels["en"] == "Advocacy"
    translation_schema = json.loads((multilingual.out / "schema" / "case-translation.schema.json").read_text("utf-8"))
    assert translation_schema["required"] == ["title", "summary"] and translation_schema["additionalProperties"] is False


def test_a_bad_translation_fails_the_check_and_the_build(site: Site):
    site.configure(languages=["en", "fr"])
    site.add_case("water")
    (site.cases / "water.fr.md").write_text(translation("fr", countries=["FR"], titel="Faute"), "utf-8")
    (site.cases / "water.de.md").write_text(translation("fr"), "utf-8")
    (site.cases / "water.fra.md").write_text(translation("fr"), "utf-8")
    (site.cases / "wattre.fr.md").write_text(translation("fr"), "utf-8")
    (site.cases / "water.es.md").write_text("---\ntitle: Agua\n---\n", "utf-8")
    expected = [
        "cases/water.de.md:1: file name: 'de' is not a language of Casebook; use one of ar, zh, fr, ru, es",
        "cases/water.es.md:1: summary: is required",
        "cases/water.fr.md:4: countries: a translation gives only title and summary (and the text); 'countries' is a fact, which stays in cases/water.md",
        "cases/water.fr.md:5: titel: is not a known field (did you mean 'title'?)",
        "cases/water.fra.md:1: file name: 'fra' is not a language of Casebook; use one of ar, zh, fr, ru, es (did you mean 'fr'?)",
        "cases/wattre.fr.md:1: file name: there is no case cases/wattre.md to translate (did you mean 'water'?)",
    ]
    result = site.check()
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == expected, result.stdout
    build = site.build(check=False)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    for line in expected:
        assert line in build.stderr


def test_a_translation_of_a_case_with_problems_is_not_reported_as_an_orphan(site: Site):
    site.add_case("water", purposes=["no-such-purpose"])
    (site.cases / "water.fr.md").write_text(translation("fr"), "utf-8")
    result = site.check()
    assert "water.fr.md" not in result.stdout and "cases/water.md:" in result.stdout


def test_missing_translations_are_listed_by_the_check_not_failed(site: Site):
    site.configure(languages=["en", "fr"])
    taxonomy = site.cases / "taxonomy.yml"
    text = taxonomy.read_text("utf-8")
    taxonomy.write_text(re.sub(r"      fr: \"Plaidoyer\"\n", "", text, count=1), "utf-8")
    site.add_case("water")
    result = site.check()
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[1] == "Missing translations (not problems; shown as written until translated): 1"
    lines_of_file = taxonomy.read_text("utf-8").splitlines()
    advocacy = lines_of_file.index("  - id: advocacy")
    line = next(n for n in range(advocacy, len(lines_of_file)) if lines_of_file[n] == "    labels:") + 1
    assert lines[2] == f"  cases/taxonomy.yml:{line}: purposes[1].labels: 'advocacy' has no label in 'fr'"
    assert json.loads(site.check("--format", "json").stdout)["missing_translations"][0]["field"] == "purposes[1].labels"
    assert site.build(check=False).returncode == 0, "the build shows the label as written"


def test_the_message_catalogues_hold_every_message_of_the_code(tmp_path: Path):
    """`scripts/messages` was run after the last change of a message: the template has exactly the
    messages of the code and templates, and every language's catalogue translates each of them."""
    package = ROOT / "plugins" / "casebook"
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2"), ("**/templates/**.md", "jinja2")]
    options = {"**/templates/**": {"trimmed": "true", "trim_blocks": "true", "lstrip_blocks": "true"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    found = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(package, method_map, options_map=options, keywords=keywords)}
    with (package / "locale" / "casebook.pot").open("rb") as f:
        template = read_po(f)
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id} == found
    for code in OTHERS:
        with (package / "locale" / code / "LC_MESSAGES" / "casebook.po").open("rb") as f:
            catalogue = read_po(f, locale=code)
        missing = [m.id for m in template if m.id and not (catalogue.get(m.id) and all(_strings(catalogue.get(m.id))))]
        assert missing == [], code


def _strings(message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def test_a_briefing_pack_in_another_language(site: Site, tmp_path: Path):
    site.add_case("water", countries=["BR"])
    (site.cases / "water.fr.md").write_text(translation("fr"), "utf-8")
    out = tmp_path / "pack.html"
    result = subprocess.run([sys.executable, "-m", "casebook.cli", "brief", "--language", "fr", "--countries", "BR", "--out", str(out)],
                            cwd=site.root, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    from bs4 import BeautifulSoup

    pack = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    assert pack.html["lang"] == "fr"
    assert pack.select_one(".case h2").get_text() == TRANSLATED_TITLE["fr"]
    assert pack.select_one("#pack-map-text").get_text() == _("fr", "Countries of these cases:") + " Brésil."
    checklist = [strong.get_text() for strong in pack.select("li strong")]
    assert _term_label("characteristics", "diverse-partners", "fr") + "." in checklist, "the checklist of characteristics, in French"


def test_a_translation_into_a_language_the_site_does_not_list_is_checked_but_not_published(tmp_path: Path):
    site = make_site(tmp_path)
    site.configure(languages=["en", "fr"])
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    for code in ("fr", "ru"):
        (site.cases / f"water.{code}.md").write_text(translation(code), "utf-8")
    site.build()
    assert (site.out / "fr" / "cases" / "water" / "index.html").is_file()
    assert not (site.out / "ru").exists()
    exported = json.loads((site.out / "cases.json").read_text("utf-8"))["cases"][0]
    assert list(exported["translations"]) == ["fr"], "no address of a page the site does not have"
    (site.cases / "water.ru.md").write_text(translation("ru", countries=["BR"]), "utf-8")
    checked = subprocess.run([sys.executable, "-m", "casebook.cli", "check"], cwd=site.root, capture_output=True, text=True)
    assert checked.returncode == 1 and "cases/water.ru.md:4: countries:" in checked.stdout
