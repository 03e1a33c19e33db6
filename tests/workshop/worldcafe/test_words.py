"""Word view: French stop-words removed, accents and elisions handled."""

from __future__ import annotations

from essdash.workshop.activities.worldcafe import words


def test_stop_words_elisions_and_accents() -> None:
    texts = [
        "La mobilité des personnes âgées, c'est l'enjeu",
        "Mobilite en milieu rural : l'enjeu du transport",
        "Les transports et la mobilité",
    ]
    freq = dict(words.word_frequencies(texts))
    assert freq["mobilité"] == 3  # "Mobilite" without accent counts with "mobilité"
    assert freq["enjeu"] == 2  # "l'enjeu" -> "enjeu"
    for stop in ("la", "des", "les", "est", "et", "du", "en", "c'est"):
        assert stop not in freq


def test_most_frequent_first_then_alphabetical_and_limit() -> None:
    texts = ["zèbre zèbre abeille", "abeille zèbre ours"]
    assert words.word_frequencies(texts, limit=2) == [("zèbre", 3), ("abeille", 2)]


def test_accented_stop_words_match_with_or_without_accents() -> None:
    assert words.word_frequencies(["Être très déjà etre tres deja présent"]) == [("présent", 1)]
