"""Counting worked out by hand: points, Borda, majority judgment with its tie-break.

Grades: 0 À rejeter, 1 Insuffisant, 2 Passable, 3 Assez bien, 4 Bien, 5 Très bien, 6 Excellent.
"""

from __future__ import annotations

import pytest

from essdash.workshop.activities.voting import results


def _ranks(
    method: str, candidates: list[tuple[int, str]], ballots: list[dict[int, int]]
) -> dict[str, int]:
    return {r.title: r.rank for r in results.compute(method, candidates, ballots)}


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        ([4], 4),
        ([1, 2, 4, 5, 6], 4),  # odd: the middle one
        ([0, 2, 5, 5], 2),  # even: the lower of the two middle grades (2 and 5)
        ([6, 0], 0),
        ([], None),
    ],
)
def test_majority_grade_is_the_lower_median(grades: list[int], expected: int | None) -> None:
    assert results.majority_grade(grades) == expected


def test_points_totals_and_shared_ranks() -> None:
    c = [(1, "A"), (2, "B"), (3, "C"), (4, "D")]
    ballots = [{1: 3, 2: 2}, {2: 3, 3: 2}, {1: 2, 4: 1}]
    # A = 3 + 2 = 5, B = 2 + 3 = 5, C = 2, D = 1: A and B share rank 1, C is 3rd (no 2nd).
    out = results.compute("points", c, ballots)
    assert [(r.title, r.score, r.rank) for r in out] == [
        ("A", 5, 1),
        ("B", 5, 1),
        ("C", 2, 3),
        ("D", 1, 4),
    ]


def test_borda_scores() -> None:
    c = [(1, "X"), (2, "Y"), (3, "Z")]
    # 3 candidates: 1st gets 2 points, 2nd 1, 3rd 0.
    ballots = [{1: 1, 2: 2, 3: 3}, {2: 1, 1: 2, 3: 3}, {1: 1, 3: 2, 2: 3}]
    # X = 2 + 1 + 2 = 5; Y = 1 + 2 + 0 = 3; Z = 0 + 0 + 1 = 1.
    out = results.compute("ranking", c, ballots)
    assert [(r.title, r.score, r.rank) for r in out] == [("X", 5, 1), ("Y", 3, 2), ("Z", 1, 3)]


def test_majority_judgment_without_tie() -> None:
    c = [(1, "A"), (2, "B")]
    a = [6, 5, 4, 2, 1]  # sorted 1 2 [4] 5 6: majority grade Bien
    b = [4, 4, 3, 3, 3]  # sorted 3 3 [3] 4 4: Assez bien
    ballots = [{1: x, 2: y} for x, y in zip(a, b, strict=True)]
    out = results.compute("majority", c, ballots)
    assert [(r.title, r.majority_grade, r.rank) for r in out] == [("A", 4, 1), ("B", 3, 2)]
    assert out[0].profile == (0, 1, 1, 0, 1, 1, 1)
    assert out[0].shares == pytest.approx((0, 0.2, 0.2, 0, 0.2, 0.2, 0.2))


def test_majority_judgment_tie_broken_after_several_removals() -> None:
    c = [(1, "A"), (2, "B")]
    a = [1, 3, 4, 4, 6]
    b = [2, 3, 4, 4, 5]
    # Both have majority grade 4 (Bien).
    # Remove one 4 from each: A 1 3 4 6, B 2 3 4 5 -> lower medians 3 and 3: still tied.
    # Remove one 3:           A 1 4 6,   B 2 4 5   -> medians 4 and 4: still tied.
    # Remove one 4:           A 1 6,     B 2 5     -> lower medians 1 and 2: B wins.
    assert results.majority_values(a) == (4, 3, 4, 1, 6)
    assert results.majority_values(b) == (4, 3, 4, 2, 5)
    ballots = [{1: x, 2: y} for x, y in zip(a, b, strict=True)]
    assert _ranks("majority", c, ballots) == {"B": 1, "A": 2}


def test_majority_judgment_tie_with_an_even_number_of_voters() -> None:
    c = [(1, "A"), (2, "B")]
    a = [0, 2, 5, 5]  # lower median: 2 (Passable)
    b = [2, 2, 3, 3]  # lower median: 2 (Passable)
    # Remove one 2: A 0 5 5 -> median 5; B 2 3 3 -> median 3. A wins, although it was also
    # rejected once: more than half of its voters gave it better than Passable.
    ballots = [{1: x, 2: y} for x, y in zip(a, b, strict=True)]
    assert _ranks("majority", c, ballots) == {"A": 1, "B": 2}


def test_majority_judgment_exact_tie_shares_the_rank() -> None:
    c = [(1, "A"), (2, "B"), (3, "C")]
    # A and B have the same merit profile (one 2, one 4, one 5), in a different order of
    # voters: no removal can separate them, they share rank 1 and C (median 1) is 3rd.
    ballots = [{1: 2, 2: 5, 3: 1}, {1: 4, 2: 2, 3: 1}, {1: 5, 2: 4, 3: 0}]
    assert _ranks("majority", c, ballots) == {"A": 1, "B": 1, "C": 3}


def test_majority_judgment_ungraded_item_counts_as_reject() -> None:
    assert results.grades_by_item([1, 2], [{1: 6}]) == {1: [6], 2: [0]}


def test_no_ballot_gives_everyone_rank_one() -> None:
    c = [(1, "A"), (2, "B")]
    for method in ("points", "ranking", "majority"):
        assert set(_ranks(method, c, []).values()) == {1}
