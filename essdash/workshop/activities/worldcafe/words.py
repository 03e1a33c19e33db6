"""Word view: the most frequent terms of the post-its, French stop-words removed."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_STOP_WORDS_FILE = Path(__file__).with_name("stopwords_fr.txt")


def fold(word: str) -> str:
    """Lower case without accents ("Été" -> "ete"), for comparing words."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _load_stop_words() -> frozenset[str]:
    lines = _STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


STOP_WORDS: frozenset[str] = _load_stop_words()
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Words of a text, lower case, elisions split ("l'emploi" -> "emploi")."""
    words = []
    for raw in _WORD.findall(text.replace("’", "'")):
        word = raw.casefold()
        if len(fold(word)) < 3 or fold(word) in STOP_WORDS:
            continue
        words.append(word)
    return words


def word_frequencies(texts: Iterable[str], *, limit: int = 30) -> list[tuple[str, int]]:
    """(word, count), most frequent first; accented and plain spellings count together.

    The spelling shown is the most frequent one ("mobilité" rather than "mobilite").
    """
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for text in texts:
        for word in tokens(text):
            key = fold(word)
            counts[key] += 1
            spellings.setdefault(key, Counter())[word] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [(spellings[key].most_common(1)[0][0], n) for key, n in ranked]
