"""Who the partners are: one identity, one address and one name per organisation, however cases spell it.

- Spellings that differ only in case, accents and punctuation are one partner ("UNICEF", "Unicef").
- The optional registry `cases/partners.yml` gathers an organisation's other spellings under its
  canonical name ("MICRO-SOFT" -> "Microsoft Corporation"), with its type and website.
- The registry can give an organisation's official name in each language (`names`), which that
  language's pages, lists, facts and briefings show, and its search finds.
- A partner's shown name is the registry's; otherwise the spelling most cases use, ties going to
  one that is not all capitals, then to the first in alphabetical order: never the accident of
  which case sorts first.
- A partner's address is unique: never one the site reserves for itself, and a name too long for
  an address keeps a hash of the whole name, so two names that differ only at their end do not share one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
import hashlib
from itertools import pairwise
from pathlib import Path
import re
from typing import Annotated, Any
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .languages import CODES, DEFAULT
from .problems import ContentError, Problem, field_name, suggest
from .reading import read_yaml

REGISTRY_FILE = "partners.yml"
SLUG_LENGTH = 80
RESERVED = frozenset({"index"})
"""Addresses in the partners' folder that the site uses itself (the list of partners)."""

_LEGAL_WORDS = frozenset(
    "the and of co company corp corporation inc incorporated ltd limited plc llc sa ag gmbh nv bv group holding holdings".split()
)


def _ascii_words(name: str) -> list[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", ascii_name.lower())


@lru_cache(maxsize=65536)  # every spelling of every case, at each build of a preview's partner directory
def name_slug(name: str) -> str:
    """The address a name makes: ASCII, lower case, hyphens; too long, it keeps a hash of the whole name."""
    digest = hashlib.sha1(name.encode()).hexdigest()[:8]
    slug = "-".join(_ascii_words(name))
    if not slug:
        return f"partner-{digest}"
    if len(slug) > SLUG_LENGTH:
        slug = slug[: SLUG_LENGTH - len(digest) - 1].rstrip("-") + "-" + digest
    return f"{slug}-partner" if slug in RESERVED else slug


def likeness_key(name: str) -> str:
    """What is left of a name without case, accents, punctuation and legal words: 'MICRO-SOFT' and
    'Microsoft Corporation' both give 'microsoft'."""
    words = [w for w in _ascii_words(name) if w not in _LEGAL_WORDS]
    return "".join(words) or "".join(_ascii_words(name))


class RegistryEntry(BaseModel):
    """One organisation in `cases/partners.yml`."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Annotated[str, Field(min_length=1, max_length=500)]
    """Its canonical name, shown on its page and wherever a case names it."""
    type: str | None = None
    """Its partner type (an id of `partner_types`), shown on its page."""
    spellings: list[Annotated[str, Field(min_length=1, max_length=500)]] = Field(default_factory=list)
    """Other spellings that cases use; their cases are listed on this partner's page."""
    website: str | None = None
    names: dict[str, Annotated[str, Field(min_length=1, max_length=500)]] = Field(default_factory=dict)
    """Its name in each other language of the site (`fr: PNUD`): the official name, for a UN body."""


class _RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    partners: list[RegistryEntry] = Field(default_factory=list)


@dataclass(frozen=True)
class Partner:
    id: str
    """Its address in the partners' folder."""
    name: str
    spellings: tuple[str, ...]
    """Every spelling that cases use, the shown name included."""
    type: str | None = None
    website: str | None = None
    names: Mapping[str, str] = field(default_factory=dict)
    """Language -> its name there (the registry's `names`)."""

    def name_in(self, code: str) -> str:
        return self.names.get(code, self.name)

    def every_name(self) -> list[str]:
        """Every name it goes by: as cases spell it, and in each language (what search finds it by)."""
        return list(dict.fromkeys([self.name, *self.spellings, *self.names.values()]))


@dataclass
class PartnerDirectory:
    """Every partner of a corpus, found from any spelling of its name."""

    registry: list[RegistryEntry] = field(default_factory=list)
    _by_spelling: dict[str, str] = field(default_factory=dict)
    _partners: dict[str, Partner] = field(default_factory=dict)

    @classmethod
    def build(cls, registry: list[RegistryEntry], spellings: Iterable[str]) -> PartnerDirectory:
        directory = cls(registry)
        registered = {}
        for entry in registry:
            for spelling in (entry.name, *entry.spellings):
                registered[name_slug(spelling)] = entry
        uses: dict[str, Counter[str]] = defaultdict(Counter)
        for spelling in spellings:
            known = registered.get(name_slug(spelling))
            partner_id = name_slug(known.name) if known else name_slug(spelling)
            directory._by_spelling[spelling] = partner_id
            uses[partner_id][spelling] += 1
        for entry in registry:
            partner_id = name_slug(entry.name)
            seen = tuple(sorted(uses.get(partner_id, {})))
            directory._partners[partner_id] = Partner(partner_id, entry.name, seen, entry.type, entry.website, dict(entry.names))
        for partner_id, counts in uses.items():
            if partner_id not in directory._partners:
                directory._partners[partner_id] = Partner(partner_id, _shown_name(counts), tuple(sorted(counts)))
        return directory

    def id_of(self, spelling: str) -> str:
        return self._by_spelling.get(spelling) or name_slug(spelling)

    def get(self, partner_id: str) -> Partner | None:
        return self._partners.get(partner_id)

    def name(self, partner_id: str, code: str = DEFAULT) -> str:
        """Its shown name, in `code` where the registry gives one."""
        partner = self._partners.get(partner_id)
        return partner.name_in(code) if partner else partner_id


def _shown_name(counts: Counter[str]) -> str:
    """The spelling most cases use; then one that is not all capitals; then the first alphabetically."""
    return min(counts, key=lambda spelling: (-counts[spelling], spelling.isupper(), spelling))


def load_registry(path: Path, shown: str, partner_types: Iterable[str]) -> list[RegistryEntry]:
    """The entries of `cases/partners.yml`, or ContentError with every problem in it."""
    doc = read_yaml(path, shown)
    if doc.problems or doc.data is None:
        raise ContentError(doc.problems or [Problem(shown, 1, "file", "cannot be read")])
    data = doc.data
    problems = [Problem(shown, doc.line_of((key,)), field_name((key,)), _message({"type": "extra_forbidden", "loc": (key,)}, _RegistryFile))
                for key in data if key != "partners"]  # fmt: skip
    items = data.get("partners") or []
    if not isinstance(items, list):
        raise ContentError([Problem(shown, doc.line_of(("partners",)), "partners", "should be a list (one '- name: ...' per partner)")])
    entries: list[RegistryEntry | None] = []
    for i, item in enumerate(items):  # each entry on its own, so that every problem is found at once
        try:
            entries.append(RegistryEntry.model_validate(item))
        except ValidationError as e:
            problems += [Problem(shown, doc.line_of(("partners", i, *err["loc"])), field_name(("partners", i, *err["loc"])), _message(err, RegistryEntry)) for err in e.errors()]
            entries.append(None)
    known_types = list(partner_types)
    owner: dict[str, str] = {}
    for i, entry in enumerate(entries):
        if entry is None:
            continue
        if entry.type is not None and entry.type not in known_types:
            hint = suggest(entry.type, known_types)
            problems.append(Problem(shown, doc.line_of(("partners", i, "type")), f"partners[{i}].type", f"'{entry.type}' is not a known partner type{hint}"))
        for code in entry.names:
            if code not in CODES or code == DEFAULT:
                others = [c for c in CODES if c != DEFAULT]
                problems.append(Problem(shown, doc.line_of(("partners", i, "names", code)), f"partners[{i}].names.{code}", f"'{code}' is not one of the languages a name can be given in ({', '.join(others)})"))
        if entry.website is not None and not re.match(r"^https?://[^\s/]+", entry.website):
            problems.append(Problem(shown, doc.line_of(("partners", i, "website")), f"partners[{i}].website", f"'{entry.website}' is not an http:// or https:// address"))
        for j, spelling in enumerate((entry.name, *entry.spellings)):
            key = name_slug(spelling)
            loc = ("partners", i, "name") if j == 0 else ("partners", i, "spellings", j - 1)
            if key in owner and owner[key] != entry.name:
                problems.append(Problem(shown, doc.line_of(loc), field_name(loc), f"'{spelling}' is already a spelling of '{owner[key]}'"))
            owner.setdefault(key, entry.name)
    if problems:
        raise ContentError(problems)
    return [entry for entry in entries if entry is not None]


def _message(err: Mapping[str, Any], model: type[BaseModel]) -> str:
    if err["type"] == "extra_forbidden":
        return f"is not a known field{suggest(err['loc'][-1], model.model_fields)}"
    if err["type"] == "missing":
        return "is required"
    return err["msg"][0].lower() + err["msg"][1:]


@dataclass(frozen=True)
class Likeness:
    """Two spellings that look like one organisation: a suggestion for `casebook check`, not a problem."""

    path: str
    line: int
    field: str
    spelling: str
    like: str
    like_path: str

    def __str__(self) -> str:
        return (f"{self.path}:{self.line}: {self.field}: '{self.spelling}' looks like '{self.like}' ({self.like_path}); "
                f"if they are one organisation, name both spellings in cases/{REGISTRY_FILE}")  # fmt: skip


def likenesses(uses: Iterable[tuple[str, str, int, str]], directory: PartnerDirectory) -> list[Likeness]:
    """Spellings (name, path, line, field) of different partners whose names look alike: the same
    once case, punctuation and legal words go ('MICRO-SOFT', 'Microsoft Corporation'), or one the
    start of the other, as names cut short by a spreadsheet are. Sorted, the work stays n log n."""
    first: dict[str, tuple[str, str, int, str]] = {}
    for use in uses:
        first.setdefault(use[0], use)
    keyed = sorted((likeness_key(name), name) for name in first)
    found = []
    for (key, name), (next_key, next_name) in pairwise(keyed):
        if directory.id_of(name) == directory.id_of(next_name):
            continue
        if key == next_key or (len(key) >= 12 and next_key.startswith(key)):
            # Shown at the spelling that most likely needs mending: all capitals, or cut short.
            subject, like = sorted((name, next_name), key=lambda n: (not n.isupper(), len(n), n))
            spelling, path, line, field_ = first[subject]
            found.append(Likeness(path, line, field_, spelling, like, first[like][1]))
    return found
