"""Every address a build writes, claimed before anything is written.

Pages, term pages, feeds, briefings, redirects, exports, the search index, the theme's files
and the author's own files each claim their place in the site. Two claims on one place, or a
file where another needs a folder, is a clash: an error that names both, never a file silently
replaced or lost. Places are compared without case, as some systems that serve sites ignore it.
"""

from __future__ import annotations

import posixpath


class Addresses:
    def __init__(self, shown: str = "site/") -> None:
        self.shown = shown
        """How clashes name the site's folder."""
        self._files: dict[str, tuple[str, str]] = {}
        """Folded path -> (path, who claims it)."""
        self._folders: dict[str, tuple[str, str]] = {}
        """Folded folder -> (folder, the first claim in it)."""
        self._whole: dict[str, tuple[str, str]] = {}
        """Folded folder -> (folder, who claims all of it)."""
        self.clashes: list[str] = []

    def claim(self, path: str, source: str) -> None:
        """`source` will write the file at `path` (relative to the site's folder)."""
        path = posixpath.normpath(path).lstrip("/")
        key = path.casefold()
        if key in self._files:
            self.clashes.append(f"{self.shown}{path} would be written by both {self._files[key][1]} and {source}")
            return
        if key in self._folders:
            self.clashes.append(f"{self.shown}{path}: {source} would write a file where {self._folders[key][1]} needs a folder")
            return
        for folder in _folders_of(key):
            if folder in self._files:
                shown, owner = self._files[folder]
                self.clashes.append(f"{self.shown}{shown}: {owner} would write a file where {source} needs a folder")
                return
            if folder in self._whole and self._whole[folder][1] != source:
                shown, owner = self._whole[folder]
                self.clashes.append(f"{self.shown}{path} is in {self.shown}{shown}/, which only {owner} writes; {source} would write it too")
                return
        self._files[key] = (path, source)
        for folder in _folders_of(key):
            self._folders.setdefault(folder, (folder, source))

    def claim_folder(self, folder: str, source: str) -> None:
        """`source` will write all that is in `folder`, and nobody else may."""
        folder = posixpath.normpath(folder).strip("/")
        key = folder.casefold()
        if key in self._files:
            shown, owner = self._files[key]
            self.clashes.append(f"{self.shown}{shown}: {owner} would write a file where {source} needs a folder")
        elif key in self._folders:
            self.clashes.append(f"{self.shown}{folder}/ is written only by {source}, but {self._folders[key][1]} would write in it too")
        else:
            self._whole[key] = (folder, source)
            self._folders[key] = (folder, source)


def _folders_of(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
