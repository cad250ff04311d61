"""Read YAML front matter strictly: fixed scalar types, a line per key, no surprises.

PyYAML's YAML 1.1 rules read `NO` (Norway) as false and `2001-06-30` as a date, and
MkDocs' own reader swallows YAML errors. Here only `true`/`false`, plain numbers and
`null` are typed; everything else stays a string for the content model to judge.
Anchors and aliases are refused, so an alias bomb costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
import re
from typing import Any

import frontmatter
import yaml

from .problems import Problem, field_name, forbidden_character

MAX_FILE_BYTES = 1_000_000
MAX_FRONT_MATTER_CHARS = 64_000
MAX_NODES = 5_000

Loc = tuple[str | int, ...]


_TAG = "tag:yaml.org,2002:"
_MAP, _SEQ = _TAG + "map", _TAG + "seq"


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema scalars, minus timestamps and YAML 1.1 yes/no/on/off."""

    def resolve(self, kind, value, implicit):
        # The same rules as BaseResolver.resolve, without its path resolvers: a quarter of the
        # time `casebook check` spends in YAML went there.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _TAG + "str"
        return _TAG + ("seq" if kind is yaml.SequenceNode else "map")


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


if getattr(yaml, "__with_libyaml__", False):
    from yaml.cyaml import CParser  # type: ignore[attr-defined]  # not in the stubs: it is a C extension

    class _Composer(CParser, _Resolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Composer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _Resolver):  # type: ignore[no-redef]
        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _Resolver.__init__(self)




@dataclass
class Document:
    """A Markdown file's front matter (`data`), the line of each value, and its body."""

    path: str
    data: dict[str, Any] | None = None
    lines: dict[Loc, int] = field(default_factory=dict)
    body: str = ""
    start_line: int = 1
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, loc: Loc) -> int:
        """The line of `loc`, or of its nearest enclosing value that has one."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.start_line


class _Invalid(Exception):
    def __init__(self, line: int, message: str):
        self.line, self.message = line, message


def read_document(path: Path, display_path: str | None = None, *, require_front_matter: bool = True) -> Document:
    """Read a Markdown file and parse its front matter; never raises for bad content, it records problems."""
    doc = Document(display_path or str(path))
    text = _read_text(path, doc)
    if text is None:
        return doc
    return parse_text(text, doc.path, require_front_matter=require_front_matter)


def read_yaml(path: Path, display_path: str | None = None) -> Document:
    """Read a plain YAML file (a mapping) with the same strict rules as front matter."""
    doc = Document(display_path or str(path))
    text = _read_text(path, doc)
    if text is not None:
        _parse_yaml(doc, text.replace("\r\n", "\n"), offset=0)
    return doc


def parse_text(text: str, display_path: str, *, require_front_matter: bool = True) -> Document:
    doc = Document(display_path)
    handler = frontmatter.YAMLHandler()
    text = text.replace("\r\n", "\n")
    if not handler.detect(text):
        doc.body = text
        if require_front_matter:
            doc.problems.append(
                Problem(display_path, 1, "front matter", "is missing: the file must start with a '---' line, the YAML fields, and another '---' line")
            )
        else:
            doc.data = {}
        return doc
    try:
        fm, body = handler.split(text)
    except ValueError:
        doc.problems.append(Problem(display_path, 1, "front matter", "is not closed: add a '---' line after the YAML fields"))
        return doc
    doc.body = body.lstrip("\n")
    # Lines in `fm` count from the opening '---' (line 1), whatever the splitter kept of it.
    _parse_yaml(doc, fm, offset=text.count("\n", 0, text.index(fm)) if fm else 1)
    return doc


def _read_text(path: Path, doc: Document) -> str | None:
    try:
        raw = path.read_bytes()
    except OSError as e:
        doc.problems.append(Problem(doc.path, 1, "file", f"cannot be read: {e.strerror or e}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        doc.problems.append(Problem(doc.path, 1, "file", f"is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        doc.problems.append(
            Problem(doc.path, line, "file", f"is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start}); save it as UTF-8")
        )
        return None
    if "\x00" in text:
        doc.problems.append(Problem(doc.path, text.count("\n", 0, text.index("\x00")) + 1, "file", "contains a NUL character"))
        return None
    return text


def _parse_yaml(doc: Document, text: str, offset: int) -> None:
    if len(text) > MAX_FRONT_MATTER_CHARS:
        doc.problems.append(Problem(doc.path, doc.start_line, "front matter", f"is {len(text):,} characters; the limit is {MAX_FRONT_MATTER_CHARS:,}"))
        return
    try:
        data = _load(text, offset, doc.lines)
    except (_Invalid, yaml.YAMLError) as error:
        if not _raw_character_problems(doc, text, offset):  # most likely what the parser could not read
            _report_yaml_error(doc, error, offset)
        return
    if data is None:
        data = {}
    if not isinstance(data, dict):
        doc.problems.append(Problem(doc.path, doc.start_line, "front matter", "must be a set of 'field: value' lines"))
        return
    found = _character_problems(doc, data, ())
    if _raw_character_problems(doc, text, offset) or found:
        shown = {(p.line, p.field) for p in doc.problems}
        doc.problems += [p for p in found if (p.line, p.field) not in shown]
        return
    doc.data = data


def _report_yaml_error(doc: Document, error: Exception, offset: int) -> None:
    if isinstance(error, _Invalid):
        doc.problems.append(Problem(doc.path, error.line, "front matter", error.message))
        return
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = offset + mark.line + 1 if mark else doc.start_line
    reason = getattr(error, "problem", None) or str(error)
    if "mapping values are not allowed" in reason:
        reason += " (a value containing ': ' must be put in quotes)"
    doc.problems.append(Problem(doc.path, line, "front matter", f"is not valid YAML: {reason}"))


_TOP_KEY = re.compile(r"^([^\s#'\"\[{?:-][^:]*):")


def _raw_character_problems(doc: Document, text: str, offset: int) -> bool:
    """Characters that no value may hold, written as they are: a problem per line, at its field
    (the parsed field on that line, or while the YAML cannot be read, the key that the line is under)."""
    at_line: dict[int, Loc] = {}
    for loc, number in doc.lines.items():
        if len(loc) >= len(at_line.get(number, ())):
            at_line[number] = loc
    found = False
    field = "front matter"
    for number, line in enumerate(text.split("\n"), start=offset + 1):
        key = _TOP_KEY.match(line)
        if key:
            field = field_name((key.group(1).strip(),))
        reason = forbidden_character(line)
        if reason:
            doc.problems.append(Problem(doc.path, number, field_name(at_line[number]) if number in at_line else field, reason))
            found = True
    return found


def _character_problems(doc: Document, value: Any, loc: Loc) -> list[Problem]:
    """Characters that no value may hold, written as YAML escapes ("\\v"): at the field that holds them."""
    if isinstance(value, str):
        reason = forbidden_character(value)
        return [Problem(doc.path, doc.line_of(loc), field_name(loc), reason)] if reason else []
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            reason = forbidden_character(key)
            if reason:
                found.append(Problem(doc.path, doc.line_of(loc + (key,)), field_name(loc + (key,)), f"its name {reason}"))
            found += _character_problems(doc, item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _character_problems(doc, item, loc + (i,))
    return found


def _load(text: str, offset: int, lines: dict[Loc, int]) -> Any:
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Builder(offset, lines).build(node, ())


class _Builder:
    """Turn a composed node graph into plain values, noting each value's line.

    Every node is visited once: meeting one again means an alias, which is refused, so an alias
    bomb costs no more than its text. Scalars, most of the nodes, are handled without recursion.
    """

    def __init__(self, offset: int, lines: dict[Loc, int]):
        self.offset, self.lines, self.seen = offset, lines, set[int]()

    def _visit(self, node: yaml.Node) -> int:
        line = self.offset + node.start_mark.line + 1
        if id(node) in self.seen:
            raise _Invalid(line, "anchors and aliases ('&', '*') are not allowed; write the value out")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise _Invalid(line, f"has more than {MAX_NODES:,} values")
        return line

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        line = self._visit(node)
        self.lines.setdefault(loc, line)
        if type(node) is yaml.ScalarNode:
            return _scalar(node, line)
        if type(node) is yaml.MappingNode:
            if node.tag != _MAP:
                raise _Invalid(line, f"the tag {node.tag!r} is not allowed")
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key_line = self.offset + key_node.start_mark.line + 1
                if type(key_node) is not yaml.ScalarNode or key_node.tag in (_MAP, _SEQ):
                    raise _Invalid(key_line, "a field name must be plain text")
                key = key_node.value
                if key == "<<":
                    raise _Invalid(key_line, "merge keys ('<<') are not allowed; write the fields out")
                if key in result:
                    raise _Invalid(key_line, f"the field '{key}' is given twice")
                key_loc = loc + (key,)
                self.lines[key_loc] = key_line
                if type(value_node) is yaml.ScalarNode:
                    result[key] = _scalar(value_node, self._visit(value_node))
                else:
                    result[key] = self.build(value_node, key_loc)
            return result
        if node.tag != _SEQ:
            raise _Invalid(line, f"the tag {node.tag!r} is not allowed")
        items = []
        for i, item in enumerate(node.value):
            if type(item) is yaml.ScalarNode:
                item_line = self._visit(item)
                self.lines[loc + (i,)] = item_line
                items.append(_scalar(item, item_line))
            else:
                items.append(self.build(item, loc + (i,)))
        return items


def _scalar(node: yaml.ScalarNode, line: int) -> Any:
    tag, value = node.tag, node.value
    if tag == _TAG + "str":
        return value
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return value.lower() == "true"
    if tag == _TAG + "int":
        if len(value) > 18:
            raise _Invalid(line, f"the number {value[:20]}... is too large")
        return int(value)
    if tag == _TAG + "float":
        v = value.lower()
        if v.endswith("nan") or v.endswith("inf"):
            raise _Invalid(line, f"'{value}' is not a usable number")
        if len(value) > 40:
            raise _Invalid(line, f"the number {value[:20]}... is too long")
        return float(value)
    raise _Invalid(line, f"the tag {tag!r} is not allowed")
