"""`casebook check`: the build's validation, without building."""

from helpers import Site, case_text


def test_check_passes_on_valid_cases(site: Site):
    site.add_case("water")
    result = site.check()
    assert (result.returncode, result.stdout) == (0, "1 case and 1 lesson checked: no problems.\n")


def test_check_reports_every_problem_and_exits_1(site: Site):
    site.add_case("water")
    site.add_case("bad", case_text(countries=["XX"], partners=[{"name": "A", "type": "bussiness"}, {"name": "B", "type": "ngo"}]))
    (site.cases / "Bad Name.md").write_text(case_text(), "utf-8")
    result = site.check()
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "cases/Bad Name.md:1: file name: 'Bad Name.md' must be lowercase letters, digits and single hyphens (for example 'bad-name.md')",
        "cases/bad.md:6: partners[0].type: 'bussiness' is not a known partner type (did you mean 'business'?)",
        "cases/bad.md:15: countries[0]: 'XX' is not an ISO 3166-1 alpha-2 country code",
        "3 problems in 2 files.",
    ]
    assert "Traceback" not in result.stderr


def test_check_takes_files_and_reports_missing_ones(site: Site):
    good = site.add_case("water")
    result = site.check(str(good.relative_to(site.root)), "cases/nope.md")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == "cases/nope.md:1: file: does not exist"


def test_check_reports_a_broken_taxonomy(site: Site):
    site.add_case("water")
    taxonomy = site.cases / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text("utf-8").replace("  - id: youth\n", "  - id: Youth Work\n"), "utf-8")
    result = site.check()
    assert result.returncode == 1
    assert "cases/taxonomy.yml:" in result.stdout and "sectors.3.id" in result.stdout


def test_check_speaks_github_annotations(site: Site):
    site.add_case("bad", case_text(purposes=["advocasy"], summary="Fifty, 50% done: ok"))
    result = site.check("--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=cases/bad.md,line=10,title=purposes[0]::purposes[0]: 'advocasy' is not a known purpose (did you mean 'advocacy'?)",
        "1 problem in 1 file.",
    ]


def test_github_annotations_escape_what_github_would_misread():
    from casebook.cli.check import github_annotation
    from casebook.problems import Problem

    line = github_annotation(Problem("cases/a,b.md", 3, "title", "50% wrong\nnext: line"))
    assert line == "::error file=cases/a%2Cb.md,line=3,title=title::title: 50%25 wrong%0Anext: line"


def test_check_speaks_json(site: Site):
    import json

    site.add_case("water")
    site.add_case("bad", case_text(countries=["XX"]))
    result = site.check("--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["checked"] == {"cases": 1, "lessons": 1}
    assert report["problems"] == [
        {"path": "cases/bad.md", "line": 15, "field": "countries[0]", "message": "'XX' is not an ISO 3166-1 alpha-2 country code"}
    ]


def test_check_of_many_files_reports_the_same_in_parallel(site: Site):
    from casebook.corpus import PARALLEL_FROM

    for i in range(PARALLEL_FROM + 50):
        site.add_case(f"case-{i:04d}", **({"sectors": ["helth"]} if i % 100 == 7 else {}))
    result = site.check()
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    bad = [f"case-{i:04d}" for i in range(PARALLEL_FROM + 50) if i % 100 == 7]
    assert lines[:-1] == [f"cases/{slug}.md:12: sectors[0]: 'helth' is not a known sector (did you mean 'health'?)" for slug in bad]
    assert lines[-1] == f"{len(bad)} problems in {len(bad)} files."
    site.add_case("case-0007")  # mend one
    assert site.check("--format", "json").stdout.count('"path"') == len(bad) - 1
