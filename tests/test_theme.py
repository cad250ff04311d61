"""The theme is adapted through a template-rewriting loader: each rewrite at one expected line of
Material's own template, and a warning (through the adapter) where that line has changed."""

from __future__ import annotations

from importlib.metadata import version as installed_version
import tomllib

from jinja2 import BaseLoader, Environment, FileSystemLoader, TemplateNotFound
from mkdocs.theme import Theme
from packaging.requirements import Requirement
from packaging.version import Version
import pytest

from casebook.render.theme import NAV_INCLUDE, Languages, adapt, rewrites
from helpers import ROOT

MATERIAL = ROOT / "tests" / "data" / "material"
"""Material's own templates that theme.py rewrites, as each supported version ships them (its README)."""
VERSIONS = sorted((folder.name for folder in MATERIAL.iterdir() if folder.is_dir()), key=Version)


class _Material(BaseLoader):
    """Templates as Material would give them, from its own folder."""

    def __init__(self, templates: dict[str, str]):
        self.templates = templates

    def get_source(self, environment, template):
        if template not in self.templates:
            raise TemplateNotFound(template)
        return self.templates[template], f"/site-packages/material/templates/{template}", lambda: True


def test_the_navigation_is_rendered_once_per_folder_of_pages_outside_it():
    class Page:
        def __init__(self, url: str):
            self.url = url

    calls = []
    env = Environment(loader=_Material({"base.html": "<nav>" + NAV_INCLUDE + "</nav>", "partials/nav.html": "{{ count() }}"}))
    env.globals["count"] = lambda: calls.append(1) or len(calls)
    loader = adapt(env, {"catalogue/"}, cache_nav=True)
    pages = [Page("cases/a/"), Page("cases/b/"), Page("catalogue/"), Page("lessons/x/")]
    assert [env.get_template("base.html").render(page=p) for p in pages] == ["<nav>1</nav>", "<nav>1</nav>", "<nav>2</nav>", "<nav>3</nav>"]
    assert loader.problems == []


def test_a_changed_theme_template_is_left_as_it_is_and_reported():
    env = Environment(loader=_Material({"base.html": "{% include 'partials/nav.html' %}", "partials/nav.html": "nav",
                                        "partials/header.html": "<header></header>"}))  # fmt: skip
    loader = adapt(env, set(), cache_nav=True)
    assert env.get_template("base.html").render(page=None) == "nav"
    env.get_template("partials/header.html")
    assert [p.split(" (")[0] for p in loader.problems] == ["the theme's base.html has changed", "the theme's partials/header.html has changed"]


@pytest.mark.parametrize("languages", [False, True], ids=["one language", "six languages"])
@pytest.mark.parametrize("cache_nav", [True, False], ids=["cached nav", "nav per page"])
@pytest.mark.parametrize("version", VERSIONS)
def test_every_rewrite_finds_its_line_in_materials_real_templates(version: str, cache_nav: bool, languages: bool):
    env = Theme(name="material").get_env()  # MkDocs' environment for the theme: its filters and settings
    env.loader = FileSystemLoader(MATERIAL / version / "material" / "templates")
    codes = ["en", "fr", "ar", "zh", "ru", "es"] if languages else ["en"]
    loader = adapt(env, set(), cache_nav=cache_nav, languages=Languages(codes, set(), {}, {}))
    wanted = rewrites(cache_nav=cache_nav, languages=languages)
    for name in sorted({rewrite.template for rewrite in wanted}):
        source = loader.get_source(env, name)[0]
        env.get_template(name)  # the rewritten template compiles
        for rewrite in (r for r in wanted if r.template == name):
            assert rewrite.replacement in source, (version, name, rewrite.purpose)
    assert loader.problems == []


def test_the_installed_material_is_one_whose_templates_are_tested():
    installed = installed_version("mkdocs-material")
    assert installed in VERSIONS, f"Material {installed} is installed; tests/data/material has {VERSIONS} (see its README)"
    ours, env = MATERIAL / installed / "material" / "templates", Theme(name="material").get_env()
    assert env.loader is not None
    for path in sorted(ours.rglob("*.html")):
        assert path.read_text("utf-8") == env.loader.get_source(env, path.relative_to(ours).as_posix())[0], path.relative_to(MATERIAL)


def test_the_supported_range_is_what_the_tests_cover():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    pin = next(Requirement(d) for d in dependencies if Requirement(d).name == "mkdocs-material").specifier
    tested = [Version(v) for v in VERSIONS]
    assert all(v in pin for v in tested), (str(pin), VERSIONS)
    oldest, newest = tested[0], tested[-1]
    assert oldest.major == newest.major
    if oldest.micro:
        assert Version(f"{oldest.major}.{oldest.minor}.{oldest.micro - 1}") not in pin, f"{pin} allows patches older than {oldest}"
    assert Version(f"{newest.major}.{newest.minor + 1}.0") not in pin, f"{pin} allows minor versions newer than {newest}"
    minors = {v.minor for v in tested}
    assert [m for m in range(oldest.minor, newest.minor + 1) if m not in minors] == [], "a minor version the pin allows has no templates here"
