"""Every address a build writes, claimed before anything is written.

Pages, term pages, feeds, briefings, redirects, exports, the search index, the theme's files
and the author's own files each claim their place in the site. Two claims on one place, or a
file where another needs a folder, is a clash: an error that names both, never a file silently
replaced or lost. Places are compared without case, as some systems that serve sites ignore it.

A preview (preview.py) settles only what an edit changed: the claims that went are released,
the new ones are made, against the last good build's (`Addresses.changed`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
import posixpath


@dataclass(frozen=True)
class Claim:
    path: str
    """A file, relative to the site's folder; or, with `whole`, a folder."""
    source: str
    """Who writes it, as a clash names them."""
    whole: bool = False
    """All that is in the folder at `path` is written by `source`, and by nobody else."""


class Addresses:
    def __init__(self, shown: str = "site/") -> None:
        self.shown = shown
        """How clashes name the site's folder."""
        self._files: dict[str, tuple[str, str]] = {}
        """Folded path -> (path, who claims it)."""
        self._in_folder: Counter[str] = Counter()
        """Folded folder -> how many claims need it (files in it, or a claim on all of it)."""
        self._whole: dict[str, tuple[str, str]] = {}
        """Folded folder -> (folder, who claims all of it)."""
        self.claims: dict[str, Claim] = {}
        """What was claimed, by path as given: what the next build's claims are compared with."""
        self.clashes: list[str] = []

    def settle(self, claims: Iterable[Claim]) -> None:
        """Claim each of `claims`, in order: the first to want a place has it."""
        for claim in claims:
            self.claims.setdefault(claim.path, claim)
            if claim.whole:
                self.claim_folder(claim.path, claim.source)
            else:
                self.claim(claim.path, claim.source)

    def changed(self, claims: list[Claim]) -> Addresses | None:
        """These addresses, with the claims that are not in `claims` released and the new ones
        made: a build that claims much as the last one did. None where the order of claims could
        decide who has a place (one path claimed twice): then every claim is settled again."""
        wanted = {claim.path: claim for claim in claims}
        if len(wanted) != len(claims) or self.clashes:
            return None
        after = Addresses(self.shown)
        after._files, after._in_folder, after._whole = dict(self._files), Counter(self._in_folder), dict(self._whole)
        after.claims = dict(self.claims)
        for path, claim in self.claims.items():
            if wanted.get(path) != claim:
                after._release(claim)
                del after.claims[path]
        after.settle(claim for path, claim in wanted.items() if self.claims.get(path) != claim)
        return after

    def claim(self, path: str, source: str) -> None:
        """`source` will write the file at `path` (relative to the site's folder)."""
        path = _place(path)
        key = path.casefold()
        if key in self._files:
            self.clashes.append(f"{self.shown}{path} would be written by both {self._files[key][1]} and {source}")
            return
        if key in self._in_folder:
            self.clashes.append(f"{self.shown}{path}: {source} would write a file where {self._someone_in(key)} needs a folder")
            return
        folders = _folders_of(key)
        for folder in folders:
            if folder in self._files:
                shown, owner = self._files[folder]
                self.clashes.append(f"{self.shown}{shown}: {owner} would write a file where {source} needs a folder")
                return
            if folder in self._whole and self._whole[folder][1] != source:
                shown, owner = self._whole[folder]
                self.clashes.append(f"{self.shown}{path} is in {self.shown}{shown}/, which only {owner} writes; {source} would write it too")
                return
        self._files[key] = (path, source)
        self._in_folder.update(folders)

    def claim_folder(self, folder: str, source: str) -> None:
        """`source` will write all that is in `folder`, and nobody else may."""
        folder = _place(folder)
        key = folder.casefold()
        if key in self._files:
            shown, owner = self._files[key]
            self.clashes.append(f"{self.shown}{shown}: {owner} would write a file where {source} needs a folder")
        elif key in self._in_folder:
            self.clashes.append(f"{self.shown}{folder}/ is written only by {source}, but {self._someone_in(key)} would write in it too")
        else:
            self._whole[key] = (folder, source)
            self._in_folder[key] += 1

    def _release(self, claim: Claim) -> None:
        key = _place(claim.path).casefold()
        if claim.whole and self._whole.get(key, ("", ""))[1] == claim.source:
            del self._whole[key]
            needed = [key]
        elif not claim.whole and self._files.get(key, ("", ""))[1] == claim.source:
            del self._files[key]
            needed = _folders_of(key)
        else:
            return
        for folder in needed:
            self._in_folder[folder] -= 1
            if self._in_folder[folder] <= 0:
                del self._in_folder[folder]

    def _someone_in(self, folder: str) -> str:
        """Who needs `folder`: the first claim in it, or on all of it (asked only of a clash)."""
        if folder in self._whole:
            return self._whole[folder][1]
        return next(source for key, (_, source) in self._files.items() if key.startswith(f"{folder}/"))


def _place(path: str) -> str:
    """A file's or a folder's place in the site, as every claim and release names it."""
    return posixpath.normpath(path).strip("/")


def _folders_of(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
