"""Pictures, read back from built sites: the map of every case, locator maps, shaded matrices,
the home page's charts, and the map of a briefing pack."""

from __future__ import annotations

import re
import subprocess
import sys

from bs4 import BeautifulSoup

from casebook.maps import Shading, world
from helpers import ROOT, Site


def test_the_map_links_every_country_that_has_cases_and_no_other(site: Site):
    site.add_case("kenya", countries=["KE"])
    site.add_case("kenya-brazil", title="Schools", countries=["KE", "BR"])
    site.add_case("singapore", title="Ports", countries=["SG"])
    site.add_case("worldwide", title="Worldwide", countries=None, regions=["global"])
    site.build()
    page = site.content("map/index.html")
    links = {a["xlink:href"]: a["aria-label"] for a in page.select("svg.casebook-world a")}
    assert links == {"../countries/ke/": "Kenya: 2 cases", "../countries/br/": "Brazil: 1 case"}
    # Shading follows the counts: more cases, a darker shade.
    shade = {a["xlink:href"]: int(re.search(r"casebook-shade-(\d)", a.path["class"][0]).group(1)) for a in page.select("svg.casebook-world a")}
    assert shade["../countries/ke/"] > shade["../countries/br/"] > 0
    # Countries without cases are drawn, unlinked; Singapore is too small to draw at 1:110m.
    assert len(page.select("svg.casebook-world .casebook-land path")) == len(world().countries) - 2
    assert "Too small to draw at this scale: Singapore (1 case)." in page.get_text(" ", strip=True)
    assert page.select_one("#without-a-country + p + ul").get_text("", strip=True) == "Global: 1 case"
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in page.select("details.casebook-map-table tbody tr")]
    assert rows == [["Brazil", "1"], ["Kenya", "2"], ["Singapore", "1"]]
    assert [li.get_text(" ", strip=True) for li in page.select(".casebook-legend li")] == ["1 case", "2 cases", "no case yet"]


def test_shading_steps_cover_every_count_and_darken_with_it():
    counts = [1, 2, 3, 7, 12, 40, 100, 400]
    shading = Shading.of(counts)
    levels = [shading.level(n) for n in counts]
    assert levels == sorted(levels) and levels[0] >= 1 and levels[-1] == 5 and shading.level(0) == 0
    assert shading.legend()[-1][1].endswith("400")


def test_country_and_region_pages_have_locator_maps_that_refer_to_one_file(site: Site):
    site.add_case("kenya", countries=["KE"])
    site.build()
    kenya = site.content("countries/ke/index.html").select_one("svg.casebook-locator")
    assert kenya["aria-label"] == "Where Kenya is on the world map"
    assert [u["xlink:href"] for u in kenya.select("use")] == ["../../assets/casebook/world.svg#land", "../../assets/casebook/world.svg#c-KE"]
    africa = site.content("regions/sub-saharan-africa/index.html").select_one("svg.casebook-locator")
    highlighted = {u["xlink:href"].split("#c-")[1] for u in africa.select("use.casebook-here")}
    assert {"KE", "TZ", "NG"} <= highlighted and "EG" not in highlighted and "BR" not in highlighted
    sprite = (site.out / "assets" / "casebook" / "world.svg").read_text("utf-8")
    assert sprite.count("<path ") == len(world().countries) and 'id="c-KE"' in sprite and "Natural Earth" in sprite


def test_coverage_matrices_are_shaded_with_a_legend(site: Site):
    site.add_case("one", countries=["KE"])
    site.add_case("two", title="Two", countries=["KE"])
    site.add_case("three", title="Three", countries=["BR"])
    site.build()
    table = site.content("coverage/index.html").select("table.casebook-matrix")[0]
    cells = {td.a["aria-label"]: td["class"][0] for td in table.select("td") if td.a}
    assert cells == {"2 cases: Operational delivery, Africa": "casebook-shade-5", "1 case: Operational delivery, Americas": "casebook-shade-4"}
    assert all("casebook-gap" in td["class"] for td in table.select("td") if not td.a)


def test_the_home_page_charts_have_their_numbers_as_text(bundled_site):
    home = BeautifulSoup((bundled_site / "index.html").read_text("utf-8"), "html.parser")
    charts = home.select("figure.casebook-chart")
    assert [c.figcaption.get_text() for c in charts] == ["Cases by start year", "Cases by purpose"]
    for chart in charts:
        svg = chart.svg
        assert svg["role"] == "img"
        text = home.find(id=svg["aria-labelledby"].split()[1]).get_text()
        bars = len(svg.select("rect"))
        assert bars and text.count(":") == bars
    assert "Advocacy: " in charts[1].get_text()


def test_a_briefing_pack_has_the_map_of_its_selection(site: Site, tmp_path):
    site.add_case("kenya", countries=["KE"])
    site.build()
    # The site's pack refers to the site's shapes; the command line's draws them itself.
    term = site.html("countries/ke/briefing.html").select_one("#briefing-map")
    assert [u["href"] for u in term.select("use.here")] == ["../../assets/casebook/world.svg#c-KE"]
    pack = tmp_path / "pack.html"
    subprocess.run([sys.executable, "-m", "casebook.cli", "brief", "--countries", "KE", "--out", str(pack)], cwd=site.root, check=True, capture_output=True)
    svg = BeautifulSoup(pack.read_text("utf-8"), "html.parser").select_one("#briefing-map")
    assert svg.select("use") == [] and len(svg.select("g.here path")) == 1
    assert svg.parent.figcaption.get_text() == "Countries of these cases: Kenya."


def test_the_world_data_names_its_source_and_licence():
    import json

    data = json.loads((ROOT / "plugins" / "casebook" / "data" / "world-110m.json").read_text("utf-8"))
    assert "Natural Earth" in data["source"] and "public domain" in data["source"]
