"""The strict front matter reader: types, line numbers, and hostile YAML."""

from pathlib import Path

from casebook.reading import parse_text, read_document, read_yaml


def test_yaml_1_1_surprises_stay_strings():
    doc = parse_text("---\ncountries: [NO, ON]\nstart: 2001-06-30\nflag: yes\ncount: 12\nok: true\n---\n", "a.md")
    assert doc.problems == []
    assert doc.data == {"countries": ["NO", "ON"], "start": "2001-06-30", "flag": "yes", "count": 12, "ok": True}


def test_every_value_has_its_line():
    doc = parse_text("---\ntitle: x\npartners:\n  - name: A\n    type: b\n---\nbody\n", "a.md")
    assert doc.line_of(("title",)) == 2
    assert doc.line_of(("partners", 0, "type")) == 5
    assert doc.line_of(("partners", 0, "missing")) == 4
    assert doc.body == "body\n"


def test_alias_bomb_is_refused_quickly():
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    ) + "---\n"
    doc = parse_text(bomb, "bomb.md")
    assert doc.data is None
    assert [str(p) for p in doc.problems] == ["bomb.md:2: front matter: anchors and aliases ('&', '*') are not allowed; write the value out"]


def test_python_tags_are_refused():
    doc = parse_text("---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\n", "a.md")
    assert [str(p) for p in doc.problems] == ["a.md:2: front matter: the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"]


def test_malformed_yaml_names_its_line_and_hints_at_quotes():
    doc = parse_text("---\ntitle: ok\nsummary: Itau: a bank\n---\n", "a.md")
    (problem,) = doc.problems
    assert problem.line == 3
    assert "must be put in quotes" in problem.message


def test_duplicate_and_merge_keys_are_refused():
    assert "given twice" in parse_text("---\na: 1\na: 2\n---\n", "a.md").problems[0].message
    assert "merge keys" in parse_text("---\nb: {x: 1}\nc:\n  <<: {x: 1}\n---\n", "a.md").problems[0].message


def test_missing_and_unclosed_front_matter():
    assert "is missing" in parse_text("# Just a page\n", "a.md").problems[0].message
    assert "is not closed" in parse_text("---\ntitle: a\n", "a.md").problems[0].message


def test_not_utf8_names_the_line(tmp_path: Path):
    path = tmp_path / "latin1.md"
    path.write_bytes("---\ntitle: ok\nsummary: S\xe3o Paulo\n---\n".encode("latin-1"))
    (problem,) = read_document(path, "latin1.md").problems
    assert (problem.line, problem.field) == (3, "file")
    assert "not UTF-8" in problem.message


def test_absurdly_large_values_are_refused(tmp_path: Path):
    assert "too large" in parse_text("---\namount: " + "9" * 5000 + "\n---\n", "a.md").problems[0].message
    huge = tmp_path / "huge.md"
    huge.write_text("---\ntitle: " + "x" * 2_000_000 + "\n---\n", "utf-8")
    assert "the limit is" in read_document(huge).problems[0].message
    assert "the limit is" in parse_text("---\ntitle: " + "x" * 100_000 + "\n---\n", "a.md").problems[0].message


def test_plain_yaml_file_keeps_its_own_lines(tmp_path: Path):
    path = tmp_path / "t.yml"
    path.write_text("a: 1\nb:\n  - c\n", "utf-8")
    doc = read_yaml(path)
    assert doc.data == {"a": 1, "b": ["c"]}
    assert doc.line_of(("b", 0)) == 3
