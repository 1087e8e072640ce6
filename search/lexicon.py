"""Full lexicons of the languages that need one: compound splitting for Swedish.

The words come from a Hunspell dictionary installed from a package registry
(``hunspell-sv`` on PyPI puts ``share/hunspell/sv_SE.dic`` into the
environment; Debian's ``hunspell-sv`` puts it under ``/usr/share/hunspell``).
``settings.SEARCH_HUNSPELL_DICTIONARIES`` names the dictionary per language.
The dictionary's compound flags say which words may begin, continue or end a
compound, so ``barnäktenskap`` splits into ``barn`` + ``äktenskap`` and
``människohandel`` into ``människo`` + ``handel`` without a list of the
field's own words.
"""

import sys
import sysconfig
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

# Where packages put Hunspell dictionaries: this environment first, then the system.
SEARCH_DIRS = (
    Path(sysconfig.get_paths()["data"]) / "share" / "hunspell",
    Path(sys.prefix) / "share" / "hunspell",
    Path("/usr/share/hunspell"),
)
MIN_PART = 3
# A lexicon word without compound flags may still begin a compound when it is
# at least this long (many entries of sv_SE carry no flags), or end one.
MIN_UNFLAGGED = 4
# Swedish joins compound parts with a linking -s- (arbetskraft-s-exploatering)
# or none; the -s- is tried first, so that "sexköpslagen" is sexköp + lagen
# and not sex + köp + slagen.
LINKS = ("s", "")
# Inflected endings a compound's last part may carry (lagen, boendet, tiden):
# the part counts when the word without them is in the lexicon.
TAIL_ENDINGS = tuple("arna erna orna en et na ar er or n t s".split())


@dataclass(frozen=True)
class Lexicon:
    words: frozenset[str]
    heads: frozenset[str]  # may begin or continue a compound
    tails: frozenset[str]  # may end a compound

    def split(self, word: str) -> list[str]:
        """``word``'s compound parts (two or three), or ``[]`` when it is no compound."""
        return self._split(word.casefold(), depth=0)

    def is_head(self, part: str) -> bool:
        return part in self.heads or (len(part) >= MIN_UNFLAGGED and part in self.words)

    def is_tail(self, part: str) -> bool:
        if part in self.tails or (len(part) >= MIN_UNFLAGGED and part in self.words):
            return True
        return any(
            part.endswith(ending)
            and len(part) - len(ending) >= MIN_PART
            and part[: -len(ending)] in self.words
            for ending in TAIL_ENDINGS
        )

    def _split(self, word: str, depth: int) -> list[str]:
        if depth > 1 or len(word) < 2 * MIN_PART + 1:
            return []
        # The longest head first: "människohandel" is människo + handel, not människ + ohandel.
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, rest = word[:cut], word[cut:]
            if not self.is_head(head):
                continue
            for link in LINKS:
                if link and not rest.startswith(link):
                    continue
                tail = rest[len(link) :]
                if len(tail) < MIN_PART:
                    continue
                if self.is_tail(tail):
                    return [head, tail]
                deeper = self._split(tail, depth + 1)
                if deeper:
                    return [head, *deeper]
        return []


def dictionary_file(language: str, suffix: str = ".dic") -> Path | None:
    """The installed Hunspell file of ``language``'s dictionary, if any."""
    name = settings.SEARCH_HUNSPELL_DICTIONARIES.get(language)
    if not name:
        return None
    for folder in SEARCH_DIRS:
        path = folder / f"{name}{suffix}"
        if path.exists():
            return path
    return None


@cache
def lexicon(language: str) -> Lexicon | None:
    """``language``'s lexicon, read once; None when no dictionary is installed for it."""
    path = dictionary_file(language)
    if path is None:
        return None
    flags = _compound_flags(path.with_suffix(".aff"))
    words, heads, tails = set(), set(), set()
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in lines[1:]:  # the first line counts the entries
        word, _slash, word_flags = line.partition("/")
        word = word.strip().casefold()
        if len(word) < 2 or not word.isalpha():
            continue
        word_flags = set(word_flags.split()[0]) if word_flags.strip() else set()
        if not word_flags & flags["only_in_compound"]:
            words.add(word)
        if len(word) >= MIN_PART:
            if word_flags & (flags["begin"] | flags["middle"]):
                heads.add(word)
            if word_flags & flags["end"]:
                tails.add(word)
    return Lexicon(frozenset(words), frozenset(heads), frozenset(tails))


def _compound_flags(aff: Path) -> dict[str, set[str]]:
    """The single-character flags the ``.aff`` file uses for compound parts."""
    names = {
        "COMPOUNDBEGIN": "begin",
        "COMPOUNDMIDDLE": "middle",
        "COMPOUNDEND": "end",
        "ONLYINCOMPOUND": "only_in_compound",
    }
    flags = {name: set() for name in names.values()}
    if aff.exists():
        for line in aff.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] in names:
                flags[names[parts[0]]].add(parts[1])
    return flags
