"""The Content-Security-Policy as built: in every page, with the hashes of the page's own inline
scripts; the `_headers` file; a site's own sources; the policy off. In the browser:
tests/browser/test_security_policy.py."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from helpers import make_site


def test_each_page_allows_exactly_its_own_inline_scripts(tmp_path: Path):
    site = make_site(tmp_path)
    site.add_case("water", purposes=["advocacy"], countries=["BR"])
    site.build()
    for path in ["index.html", "catalogue/index.html", "cases/water/index.html", "purposes/advocacy/index.html", "404.html", "briefing/index.html"]:
        page = site.html(path)
        meta = page.select("head > meta[http-equiv='Content-Security-Policy']")
        assert len(meta) == 1, path
        rules = dict(rule.split(" ", 1) for rule in meta[0]["content"].split("; "))
        inline = [s.string or "" for s in page.select("script:not([src])") if s.get("type") in (None, "text/javascript", "module")]
        wanted = {"'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" for text in inline}
        assert set(rules["script-src"].split()) == {"'self'", "'wasm-unsafe-eval'"} | wanted, path
        assert "'unsafe-inline'" not in meta[0]["content"] and "'unsafe-eval'" not in meta[0]["content"]


def test_the_headers_file_forbids_framing_and_a_site_can_add_a_source(tmp_path):
    site = make_site(tmp_path)
    site.configure(policy_sources={"img-src": ["https://images.example.org"]})
    site.build()
    headers = (site.out / "_headers").read_text("utf-8")
    assert headers.startswith("/*\n  Content-Security-Policy: ")
    assert "frame-ancestors 'none'" in headers and "img-src 'self' data: https://images.example.org" in headers
    assert "img-src 'self' data: https://images.example.org" in site.html("index.html").select_one('meta[http-equiv="Content-Security-Policy"]')["content"]


def test_a_site_can_turn_the_policy_off(tmp_path):
    site = make_site(tmp_path)
    site.configure(content_security_policy=False)
    site.build()
    assert not (site.out / "_headers").exists()
    assert site.html("index.html").select_one('meta[http-equiv="Content-Security-Policy"]') is None
