"""Each language written as its readers write it: its punctuation, its lists, its dates, its
alphabetical order, its direction, its plural forms and its own words for the site's chrome."""

from __future__ import annotations

from pathlib import Path
import re

from bs4 import BeautifulSoup, Comment, Tag
import pytest

from casebook.languages import CODES, DEFAULT, catalogue, direction, messages
from casebook.writing import ordered, search_sort_key
from helpers import ROOT, Site, make_site, translation

OTHERS = [code for code in CODES if code != DEFAULT]
PAGES = ["index.html", "catalogue/index.html", "countries/index.html", "countries/br/index.html", "map/index.html", "coverage/index.html",
         "reporting/index.html", "cases/water/index.html", "purposes/advocacy/index.html"]  # fmt: skip
CJK = "\u3000-\u9fff\uff00-\uffef"
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Six languages; 'water' (dated, reporting, in six countries) translated into every other
    language; two more cases translated into Chinese, whose titles sort by pinyin."""
    site = make_site(tmp_path_factory.mktemp("writing"))
    site.configure(languages=list(CODES), today="2026-12-03")
    config = site.root / "mkdocs.yml"  # the author's page labelled in Arabic, as the bundled site labels its own
    config.write_text(config.read_text("utf-8").replace("  - casebook:\n", "  - casebook:\n      translations: {ar: {nav: {contribute.md: المساهمة}}}\n", 1), "utf-8")
    (site.cases / "partners.yml").write_text(
        "partners:\n  - name: UNDP\n    type: un-entity\n    names: {ar: برنامج الأمم المتحدة الإنمائي, zh: 开发计划署, fr: PNUD, ru: ПРООН, es: PNUD}\n", "utf-8"
    )
    # A sector of the site's own, which its editors have not translated: its English name in every language.
    taxonomy = site.cases / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text("utf-8").replace("sectors:\n", "sectors:\n  - id: wash\n    label: Water & sanitation (WASH)\n    description: Water.\n", 1), "utf-8")
    undp = [{"name": "Acme Water", "type": "business"}, {"name": "UNDP", "type": "un-entity"}]
    site.add_case("water", partners=undp, purposes=["advocacy", "operational-delivery"], countries=["BR", "CN", "IN", "AZ", "AR", "JO"], start=2001, end=2003,
                  status="completed", last_report="2003-05-01", source={"document": "A/58/227", "paragraphs": [49, 50, 51, 55]})  # fmt: skip
    site.add_case("plain", title="A plain English case", partners=[*undp, {"name": "Levi Strauss & Co.", "type": "business"}], purposes=["advocacy"],
                  sectors=["wash"], countries=["BR"])  # fmt: skip
    site.add_case("china", title="Zinc in China", purposes=["advocacy"], countries=["CN"])
    site.add_case("azerbaijan", title="Oil in Azerbaijan", purposes=["advocacy"], countries=["AZ"])
    for code in OTHERS:
        (site.cases / f"water.{code}.md").write_text(translation(code), "utf-8")
    # Arabic through and through, so that any Latin text in its pages is what the code put there.
    (site.cases / "water.ar.md").write_text(translation("ar", summary="شركة واليونيسيف.").replace("La potabilisation de l'eau (ar).", "معالجة المياه.").replace("## Contexte", "## السياق"), "utf-8")
    (site.cases / "china.zh.md").write_text(translation("zh", title="中国的锌"), "utf-8")
    (site.cases / "azerbaijan.zh.md").write_text(translation("zh", title="阿塞拜疆的石油"), "utf-8")
    site.build()
    return site


def _(code: str, message: str) -> str:
    return messages(code).gettext(message)


def _page(site: Site, code: str, path: str) -> BeautifulSoup:
    prefix = "" if code == DEFAULT else f"{code}/"
    return site.html(prefix + path)


def _said(page: BeautifulSoup, code: str) -> list[str]:
    """What a reader of the page meets in its language: its visible text and its labels (aria-label,
    title), leaving out what is marked as in another language, code, and scripts."""
    page = BeautifulSoup(str(page), "html.parser")
    for el in page.select("script, style, code, [lang]"):
        if el.name != "html" and (el.name in ("script", "style", "code") or el.get("lang") != code):
            el.decompose()
    said = [text for text in page.stripped_strings]
    # A block's text whole too: a space or a numeral may stand in one element, the words in the next.
    said += [el.get_text().strip() for el in page.select("p, li, dd, dt, h1, h2, h3, figcaption, td, th, caption")]
    said += [el[attr] for attr in ("aria-label", "title") for el in page.select(f"[{attr}]")]
    return said


def test_chinese_has_no_ascii_separator_after_chinese_text_and_no_space_between_sentences(six: Site):
    foreign = re.compile(rf"[{CJK}]\s*[:;,()]|[:;,(]\s*[{CJK}]|[。：；，]\s+[{CJK}]")
    for path in PAGES:
        page = _page(six, "zh", path)
        found = [text for text in _said(page.select_one("article"), "zh") if foreign.search(text)]
        assert found == [], path


def test_french_puts_a_no_break_space_before_a_colon_and_a_semicolon(six: Site):
    map_page = _page(six, "fr", "map/index.html")
    assert "Brésil\u00a0: 2\u00a0cas" in [a["aria-label"].replace(" ", "\u00a0") for a in map_page.select("svg a")] or any(
        a["aria-label"].startswith("Brésil\u00a0: ") for a in map_page.select("svg a")
    )
    for path in PAGES:
        for text in _said(_page(six, "fr", path).select_one("article"), "fr"):
            assert not re.search(r"\w [:;]", text), (path, text)


def test_arabic_never_writes_a_numeral_before_a_dual_or_before_one(six: Site):
    duals = re.compile(r"\d+\s*(حالتان|حالتين|نتيجتان|سنتان|سنتين)|\b1\s*حالة")
    for path in PAGES:
        page = _page(six, "ar", path)
        assert [text for text in _said(page, "ar") if duals.search(text)] == [], path
    map_page = _page(six, "ar", "map/index.html")
    assert "البرازيل: حالتان" in [a["aria-label"] for a in map_page.select("svg a")]


@pytest.mark.parametrize("code", CODES)
def test_dates_are_written_for_people_and_kept_in_iso_for_machines(six: Site, code: str):
    reporting = _page(six, code, "reporting/index.html")
    case = _page(six, code, "cases/water/index.html")
    for page in (reporting, case):
        assert [text for text in _said(page.select_one("article"), code) if ISO_DATE.search(text)] == []
    assert {t["datetime"] for t in reporting.select("article time")} >= {"2026-12-03", "2003-05-01", "2005-05-01"}
    long = {"en": "3 December 2026", "fr": "3 décembre 2026", "es": "3 de diciembre de 2026", "ru": "3 декабря 2026\u202fг.", "zh": "2026年12月3日", "ar": "3 كانون الأول/ديسمبر 2026"}
    assert reporting.select_one("article time[datetime='2026-12-03']").get_text() == long[code]


def test_lists_are_joined_as_each_language_joins_them(six: Site):
    source = {"en": "A/58/227, paragraphs 49–51 and 55", "fr": "A/58/227, paragraphes 49–51 et 55", "zh": "A/58/227，第49–51和55段", "ar": "A/58/227، الفقرات 49–51 و55"}
    for code, expected in source.items():
        assert _page(six, code, "cases/water/index.html").select_one(".casebook-source").get_text(strip=True) == expected


def test_alphabetical_lists_follow_each_languages_collation(six: Site):
    def countries(code: str) -> list[str]:
        return [li.a.get_text() for li in _page(six, code, "countries/index.html").select(".casebook-facet-list > li")]

    assert countries("zh") == ["阿根廷", "阿塞拜疆", "巴西", "印度", "约旦", "中国"], "by pinyin, not by code point"
    # The article "ال" passed over, and the forms of alef one letter, as the UN's Arabic lists order them.
    assert countries("ar") == ["أذربيجان", "الأرجنتين", "الأردن", "البرازيل", "الصين", "الهند"]
    assert countries("fr") == ["Argentine", "Azerbaïdjan", "Brésil", "Chine", "Inde", "Jordanie"]
    catalogue = [a.get_text() for a in _page(six, "zh", "catalogue/index.html").select("ol.casebook-catalogue > li > a")]
    assert catalogue == ["阿塞拜疆的石油", "为学校提供清洁用水", "中国的锌", "A plain English case"], "the cases in Chinese first, by pinyin"


def test_the_search_index_sorts_titles_as_the_lists_do():
    """Pagefind compares sort keys as strings: the key of each title orders as the language's collation does."""
    titles = {"zh": ["中国的锌", "阿塞拜疆的石油", "为学校提供清洁用水", "巴西"], "ar": ["الهند", "أذربيجان", "البرازيل", "بنما"],
              "fr": ["Éthiopie", "Égypte", "Estonie", "eau"], "en": ["Zinc", "apple", "Apple", "Ørsted", "Oslo"]}  # fmt: skip
    for code, words in titles.items():
        assert sorted(words, key=lambda w: search_sort_key(w, code)) == ordered(words, code), code
    assert ordered(titles["zh"], "zh") == ["阿塞拜疆的石油", "巴西", "为学校提供清洁用水", "中国的锌"]
    assert ordered(titles["ar"], "ar") == ["أذربيجان", "البرازيل", "بنما", "الهند"]


@pytest.mark.parametrize("code", CODES)
def test_every_element_that_names_a_language_names_its_direction_too(six: Site, code: str):
    for path in PAGES:
        page = _page(six, code, path)
        assert page.html["dir"] == direction(code) == page.body["dir"], path
        for el in page.select("[lang]"):
            if el.name in ("html",):
                continue
            assert el.get("dir") == direction(el["lang"].split("-")[0]), (path, str(el)[:120])


def test_english_in_an_arabic_page_is_isolated(six: Site):
    term = _page(six, "ar", "purposes/advocacy/index.html")
    english = [el for el in term.select("article [lang=en]")]
    assert english and all(el["dir"] == "ltr" for el in english)
    case = _page(six, "ar", "cases/water/index.html")
    assert [bdi.get_text() for bdi in case.select(".casebook-partners bdi")] == ["Acme Water", "برنامج الأمم المتحدة الإنمائي"]
    assert [bdi.get_text() for bdi in case.select(".casebook-byline bdi")] == ["Acme Water", "برنامج الأمم المتحدة الإنمائي"]


LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")
ISOLATED = re.compile("[\u2066-\u2068][^\u2069]*\u2069")
"""Text in Unicode's isolates (LRI, RLI, FSI … PDI), which is set apart from the words around it."""


def _translators_latin(code: str) -> set[str]:
    """Latin words that a language's own translators wrote into their text (document symbols, "M49",
    "Atom", the site's name): they chose where they stand."""
    written = [m.string for m in catalogue(code) if m.id]
    written = [s for text in written for s in (text if isinstance(text, (list, tuple)) else [text])]
    written += [line for f in (ROOT / "cases" / "taxonomy.yml", ROOT / "mkdocs.yml") for line in f.read_text("utf-8").splitlines()
                if re.search("[\u0600-\u06ff]", line)]  # fmt: skip
    return {word for text in written for word in LATIN.findall(ISOLATED.sub("", text))}


def _unisolated_latin(page: BeautifulSoup, allowed: set[str]) -> list[str]:
    """Latin words that a right-to-left page shows in its own direction: in its text (outside any
    element that sets a direction, and any <bdi>), in its <title> and in the labels it gives
    (attributes, which hold no markup), outside Unicode's isolates."""

    def direction_of(el: Tag | None) -> str | None:
        while el is not None:
            if el.name == "bdi":
                return "isolated"
            if el.get("dir"):
                return str(el["dir"])
            el = el.parent
        return None

    def latin(text: str) -> list[str]:
        return [word for word in LATIN.findall(ISOLATED.sub("", text)) if word not in allowed]

    found = []
    for text in page.find_all(string=True):
        parent = text.parent
        if parent is None or isinstance(text, Comment):
            continue
        hidden = any(p.name in ("script", "style", "code", "pre", "svg") for p in [parent, *parent.parents])
        if hidden and parent.name not in ("text", "tspan", "title"):  # an SVG's words are read (its <text>, its <title>)
            continue
        if (parent.name == "title" or direction_of(parent) == "rtl") and latin(str(text)):
            found.append(f"<{parent.name}>{text.strip()}")
    for el in page.find_all(True):
        for attr in ("title", "aria-label", "alt", "placeholder"):
            if isinstance(value := el.get(attr), str) and direction_of(el) == "rtl" and latin(value):
                found.append(f"{el.name}[{attr}]={value}")
    for el in page.select("meta[name=description], meta[property^='og:']"):
        if el.get("property") not in ("og:url", "og:image", "og:type") and latin(str(el.get("content", ""))):
            found.append(f"meta={el.get('content')}")
    return found


ARABIC_PAGES = [*PAGES, "partners/index.html", "briefing/index.html", "countries/jo/index.html", "sectors/index.html", "sectors/wash/index.html"]


def test_latin_text_in_an_arabic_page_is_isolated_from_the_arabic_around_it(six: Site):
    """A name, a title or a label in Latin letters amid Arabic ("شريك: Global Compact") is set apart
    in its own direction, else its punctuation and order run right to left with the page's."""
    allowed = _translators_latin("ar")
    for path in ARABIC_PAGES:
        assert _unisolated_latin(_page(six, "ar", path), allowed) == [], path
    # A term's page named in Latin letters: "القطاع: Water & sanitation (WASH)", its name isolated
    # wherever the page's title goes (<title>, heading, breadcrumbs, navigation).
    wash = _page(six, "ar", "sectors/wash/index.html")
    assert wash.title.get_text().startswith("القطاع: \u2068Water & sanitation (WASH)\u2069 - ")
    assert wash.select_one("article h1").get_text().strip() == "القطاع: \u2068Water & sanitation (WASH)\u2069"


def test_the_bundled_sites_arabic_pages_isolate_their_latin_text(bundled_site: Path):
    allowed = _translators_latin("ar")
    for page in sorted((bundled_site / "ar").rglob("*.html")):
        assert _unisolated_latin(BeautifulSoup(page.read_text("utf-8"), "html.parser"), allowed) == [], page.relative_to(bundled_site)


def test_chart_labels_are_wrapped_whole_not_cut(six: Site):
    home = _page(six, "ru", "index.html")
    labels = [" ".join(t.get_text() for t in text.select("tspan")) for text in home.select("#casebook-chart-purposes-title ~ svg text[text-anchor=end]")]
    assert labels and not any("…" in label for label in labels)
    assert "Пропагандистская деятельность" in labels
    lines = [len(text.select("tspan")) for text in home.select("svg text[text-anchor=end]")]
    assert max(lines) > 1, "a long label takes two lines"


@pytest.mark.parametrize("code", OTHERS)
def test_no_english_chrome_in_another_language(six: Site, code: str):
    page = _page(six, code, "map/index.html")
    nav = {a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")}
    assert nav and not nav & {"Home", "Catalogue", "Map", "Coverage", "Reporting", "Countries"} - {_(code, "Catalogue")}
    for label in page.select("form[data-md-component=palette] label[title]"):
        assert label["title"] in {_(code, "Switch to the dark palette"), _(code, "Switch to the light palette")}
    assert {a["title"] for a in page.select("a.headerlink")} <= {_(code, "Permanent link")}
    assert "Made with" not in page.select_one(".md-copyright").get_text()


def test_the_page_for_a_missing_address_speaks_every_language(six: Site):
    page = six.html("404.html")
    sections = page.select("article section[lang]")
    assert [s["lang"] for s in sections] == ["en", *OTHERS]
    for section in sections:
        code = section["lang"]
        assert section["dir"] == direction(code)
        assert _(code, "Page not found") in section.get_text()


def test_the_bundled_site_labels_its_own_pages_in_every_language(bundled_site: Path):
    def nav(code: str) -> set[str]:
        prefix = "" if code == DEFAULT else f"{code}/"
        page = BeautifulSoup((bundled_site / prefix / "index.html").read_text("utf-8"), "html.parser")
        return {el.get_text(" ", strip=True) for el in page.select("nav.md-nav--primary .md-nav__link") if isinstance(el, Tag)}

    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    words = next(p["casebook"] for p in config["plugins"] if isinstance(p, dict) and "casebook" in p)["translations"]
    english = nav(DEFAULT) - {"Casebook"}
    for code in OTHERS:
        # A label the same in both languages ("Catalogue", "Conclusion") is the language's own word.
        translated = catalogue(code)
        own = set(words[code]["nav"].values()) | {m.string for label in english if (m := translated.get(label)) is not None}
        assert {label for label in nav(code) & english if label not in own} == set(), code
        page = BeautifulSoup((bundled_site / code / "index.html").read_text("utf-8"), "html.parser")
        home = BeautifulSoup((bundled_site / "index.html").read_text("utf-8"), "html.parser")
        for selector, attribute in (("meta[name=description]", "content"), ("link[rel~=feed]", "title")):
            assert page.select_one(selector)[attribute] != home.select_one(selector)[attribute], (code, selector)


def test_un_bodies_go_by_their_official_names_in_each_language(six: Site):
    official = {"en": "UNDP", "fr": "PNUD", "es": "PNUD", "ru": "ПРООН", "zh": "开发计划署", "ar": "برنامج الأمم المتحدة الإنمائي"}
    for code, name in official.items():
        case = _page(six, code, "cases/water/index.html")
        assert [a.get_text() for a in case.select(".casebook-partners a")] == ["Acme Water", name], code
        assert name in case.select_one(".casebook-byline").get_text(), code
        partners = [li.a.get_text() for li in _page(six, code, "partners/index.html").select(".casebook-facet-list > li")]
        assert name in partners, code


def test_search_finds_a_un_body_by_its_name_in_any_language(six: Site):
    """'PNUD' finds the English case from a French page (whose search merges the English index);
    'UNDP' finds the French translation (in the index of the other languages) from any page."""
    from casebook.matching import indexed_stems, matches, query_stems
    from helpers import search_records

    english = search_records(six.out)["/cases/plain/"]
    french = search_records(six.out, "pagefind-languages")["/fr/cases/water/"]
    for record, word in ((english, "PNUD"), (english, "开发计划署"), (french, "UNDP"), (french, "PNUD")):
        assert word in record["content"], word
    assert matches(indexed_stems(english["content"]), query_stems("pnud"))
    assert all("undp|UNDP" in r["filters"]["partners"] for r in (english, french)), "one filter value in every language"


def test_materials_navigation_features_speak_the_pages_language(tmp_path: Path):
    """Tabs, the path, section indexes and the table of contents in the sidebar: on a page of
    another language, the navigation is that language's, its links within it where it has the page."""
    site = make_site(tmp_path)
    config = site.root / "mkdocs.yml"
    features = "  features: [navigation.tabs, navigation.path, navigation.indexes, toc.integrate]\n"
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n" + features), "utf-8")
    site.configure(languages=list(CODES))
    site.add_case("water")
    site.build()
    for code in OTHERS:
        page = site.html(f"{code}/catalogue/index.html")
        tabs = {a.get_text(strip=True): a["href"] for a in page.select(".md-tabs__link")}
        assert tabs[_(code, "Catalogue")] == "./"
        assert tabs[_(code, "Map")] == "../map/", "a page the language has: its own"
        assert not set(tabs) & {"Catalogue", "Map", "Countries", "Home"} - {_(code, "Catalogue")}, code
        assert [a.get_text(strip=True) for a in page.select(".md-path a")] in ([], [_(code, "Home")])


def test_the_sites_own_words_are_given_for_languages_of_casebook_only(tmp_path: Path):
    site = make_site(tmp_path)
    site.configure(languages=["en", "fr"])
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - casebook:\n", "  - casebook:\n      translations: {fre: {nav: {Home: Accueil}}}\n", 1), "utf-8")
    site.add_case("water")
    result = site.build(check=False)
    assert result.returncode != 0
    assert "'fre': not a language of Casebook" in result.stdout + result.stderr


def test_the_reports_title_is_the_uns_own_where_a_un_source_gives_it():
    """The title under which A/58/227 was written, as UN documents in each language give it:
    French, A/RES/60/215 («Vers des partenariats mondiaux»); Russian, A/70/479 (agenda item 27)."""
    titles = {"fr": "Vers des partenariats mondiaux", "ru": "На пути к глобальному партнерству"}
    for code, title in titles.items():
        said = [m.string for m in catalogue(code) if isinstance(m.id, str) and "<em>Towards global partnerships</em>" in m.id]
        assert said and all(f"<em>{title}</em>" in text for text in said), code
