"""Text analysis in Python for the database search: the engine's analysis, approximately.

Text is tokenised and lowercased, accents and å/ä/ö are folded (a visitor
types "manniskohandel" on a foreign keyboard), stopwords are dropped, words are
stemmed and Swedish compounds are split with the Hunspell lexicon
(:mod:`search.lexicon`), so that "människohandeln", "offret" and
"reflektionstid" find "människohandel", "offer" and "tid för reflektion".

Analysis is chosen by the profile names of ``settings.SEARCH_ANALYZERS``
(``swedish``, ``english``, ...), as the engine's index settings are, so no
language code is named here. Stemming is Snowball (``snowballstemmer``) for the
languages it has; Latvian, which Snowball lacks, gets a light suffix stripper
(:func:`_latvian_stem`). The same functions run at index time
(:mod:`search.terms`) and query time (:mod:`search.database`): what matters is
that both sides agree.
"""

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import snowballstemmer
from django.conf import settings

from .lexicon import Lexicon, lexicon

WORD = re.compile(r"\w+", re.UNICODE)
MIN_LENGTH = 2

# Stopwords: snowballstemmer ships none, so these are short lists written here
# after the Snowball/Lucene lists of each language (the commonest function
# words only: a stopword that is also a content word would become unfindable).
STOPWORDS: dict[str, frozenset[str]] = {
    "swedish": frozenset(
        "och i att det som en på är av för med till den har de inte om ett han men "
        "var jag sig från vi så kan man när år säga hon under också efter eller nu "
        "sin där vid mot ska skall bli blir vara vad där hur eller dem denna detta "
        "dessa deras dess min mitt mina sitt sina vår vårt våra er ert era hos utan "
        "ut upp in ni du vem vilken vilket vilka någon något några".split()
    ),
    "english": frozenset(
        "a an and are as at be but by for if in into is it no not of on or such "
        "that the their then there these they this to was will with what how who "
        "which when where do does i my we you your our from can should".split()
    ),
    "italian": frozenset(
        "a ad al allo ai agli all agl alla alle con col coi da dal dallo dai dagli "
        "dall dalla dalle di del dello dei degli dell della delle in nel nello nei "
        "negli nell nella nelle su sul sullo sui sugli sull sulla sulle per tra fra "
        "il lo la i gli le l un uno una e ed o che non come cosa chi si è sono".split()
    ),
    "greek": frozenset(
        "ο η το οι τα του της των τον την και κι να θα με σε στο στη στην στον στα "
        "στις στους για από που ως ένα μια ενός μιας είναι ή αν δεν μη μην".split()
    ),
    "latvian": frozenset(
        "un ar par uz no pie kā ka ir bija būt vai bet lai tas tā tie tās to "
        "kas kur kad jo arī ne nav pēc līdz zem virs starp".split()
    ),
}

# Latvian inflectional endings, longest first (nouns, adjectives, common verb
# forms), stripped once when at least MIN_STEM letters remain: a light stemmer
# in the manner of Savoy's for other Baltic and Slavic languages.
LATVIAN_ENDINGS = tuple(
    sorted(
        (
            "ajiem ajām ošiem ošām iem ām ēm īm ūm "
            "ais ajā ajam ajai ais ajās oša ošs "
            "am ai as es is us ās ēs īs os ūs ai ei ie em ēm im ā ē ī ū "
            "a e i o u s š"
        ).split(),
        key=len,
        reverse=True,
    )
)
MIN_STEM = 3

# Swedish inflectional endings tried (longest first) to find a lexicon word:
# "människohandeln" -> "människohandel", "offret" -> "offr" -> "offer".
SWEDISH_ENDINGS = tuple(
    "arnas ernas ornas arna erna orna ens ets ars ers ors ade en et na ar er or n t s e a".split()
)


def fold(text: str) -> str:
    """``text`` lowercased without accents: å, ä, ö and the Greek tonos too."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The lowercased words of ``text``, unfolded."""
    return [w for w in WORD.findall(text.casefold()) if len(w) >= MIN_LENGTH and not w.isdigit()]


def profile(language: str) -> str:
    """The analysis profile of ``language`` (``settings.SEARCH_ANALYZERS``)."""
    return settings.SEARCH_ANALYZERS.get(language, "")


@cache
def _snowball(name: str):
    return snowballstemmer.stemmer(name) if name in snowballstemmer.algorithms() else None


def _latvian_stem(word: str) -> str:
    for ending in LATVIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


@cache
def folded_lexicon(language: str) -> Lexicon | None:
    """``language``'s lexicon with every entry folded (None without a dictionary)."""
    source = lexicon(language)
    if source is None:
        return None
    return Lexicon(
        frozenset(fold(w) for w in source.words),
        frozenset(fold(w) for w in source.heads),
        frozenset(fold(w) for w in source.tails),
    )


def lemma(word: str, known: Lexicon) -> str:
    """``word`` without an inflectional ending when that leaves a lexicon word or compound."""
    if word in known.words:
        return word
    for ending in SWEDISH_ENDINGS:
        if not word.endswith(ending) or len(word) - len(ending) < MIN_STEM:
            continue
        base = word[: -len(ending)]
        if base in known.words or (len(base) > 2 * MIN_STEM and known.split(base)):
            return base
        # Syncope: offer -> offret, fönster -> fönstret, exempel -> exemplet.
        if len(base) > MIN_STEM and base[-1] in "rln":
            restored = f"{base[:-1]}e{base[-1]}"
            if restored in known.words:
                return restored
    return word


def spelled(word: str, language: str) -> bool:
    """Whether ``language``'s lexicon writes ``word`` (lowercased) so, bare or inflected.

    False for a language without a lexicon, and for a word typed without its
    å, ä or ö: the lexicon's own spelling is the one to suggest.
    """
    known = lexicon(language)
    return known is not None and lemma(word, known) in known.words


@dataclass(frozen=True)
class Token:
    """One word of analysed text: its stem and, for a compound, its parts' stems."""

    surface: str  # folded, unstemmed
    stem: str
    parts: tuple[str, ...] = ()


class Analyzer:
    """The analysis of one language: ``tokens(text)`` gives its :class:`Token` s."""

    def __init__(self, language: str):
        self.language = language
        self.profile = profile(language)
        self.stopwords = frozenset(fold(w) for w in STOPWORDS.get(self.profile, ()))
        self.lexicon = folded_lexicon(language)
        snowball = _snowball(self.profile)
        self._stem: Callable[[str], str]
        if snowball is not None:
            self._stem = snowball.stemWord
        elif self.profile == "latvian":
            self._stem = _latvian_stem
        else:
            self._stem = lambda word: word

    @lru_cache(maxsize=200_000)  # noqa: B019 (one analyzer per language, for the process)
    def analyse_word(self, word: str) -> Token | None:
        """The token of one lowercased word, or None for a stopword."""
        folded = fold(word)
        if folded in self.stopwords or len(folded) < MIN_LENGTH:
            return None
        base = folded
        parts: tuple[str, ...] = ()
        if self.lexicon is not None:
            base = lemma(folded, self.lexicon)
            split = self.lexicon.split(base)
            if split:
                parts = tuple(self.stem(lemma(part, self.lexicon)) for part in split)
        return Token(folded, self.stem(base), parts)

    def stem(self, folded: str) -> str:
        return fold(self._stem(folded))

    def tokens(self, text: str) -> Iterator[Token]:
        for word in words(text):
            token = self.analyse_word(word)
            if token is not None:
                yield token


@cache
def analyzer(language: str) -> Analyzer:
    return Analyzer(language)
