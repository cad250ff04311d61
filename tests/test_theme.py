"""The theme is adapted through a template-rewriting loader: each rewrite at one expected line of
Material's own template, and a warning (through the adapter) where that line has changed."""

from __future__ import annotations

from jinja2 import BaseLoader, Environment, TemplateNotFound

from casebook.render.theme import NAV_INCLUDE, adapt


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
