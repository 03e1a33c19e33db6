"""Counting the ballots: points totals, Borda scores, majority judgment (pure functions).

A ballot is a mapping {priority id: value}: points given (points), rank position with 1 = first
(ranking), or grade index with 0 = "À rejeter" and 6 = "Excellent" (majority).

Majority judgment (Balinski & Laraki):
- the *majority grade* of an item is the lower median of its grades: sort the n grades from
  worst to best and take the one at index (n - 1) // 2 (with an even n, the lower of the two
  middle grades);
- items are ranked by majority grade; to separate items with the same majority grade, remove
  one vote at the median grade from each of them and compare the new majority grades, and
  repeat until they differ. Equivalently, each item gets the sequence of its successive
  majority grades (its "majority values") and items are compared on that sequence, from the
  first element on. Only items with exactly the same merit profile stay tied.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from essdash import labels

Ballot = Mapping[int, int]
N_GRADES = len(labels.MAJORITY_GRADES)


@dataclass(frozen=True)
class ItemResult:
    priority_id: int
    title: str
    rank: int
    score: int  # points total, or Borda score; for majority judgment the majority grade
    majority_grade: int | None = None
    profile: tuple[int, ...] = ()  # majority judgment: number of votes per grade, worst first

    @property
    def shares(self) -> tuple[float, ...]:
        total = sum(self.profile)
        return tuple(n / total for n in self.profile) if total else ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "priority_id": self.priority_id,
            "title": self.title,
            "rank": self.rank,
            "score": self.score,
            "majority_grade": self.majority_grade,
            "profile": list(self.profile),
        }


def competition_ranks(keys: Mapping[int, Any]) -> dict[int, int]:
    """Rank 1 for the highest key; equal keys share a rank and the next rank is skipped."""
    ordered = sorted(keys, key=lambda item: keys[item], reverse=True)
    ranks: dict[int, int] = {}
    for position, item in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and keys[previous] == keys[item]:
            ranks[item] = ranks[previous]
        else:
            ranks[item] = position
    return ranks


def points_totals(candidates: Sequence[int], ballots: Sequence[Ballot]) -> dict[int, int]:
    totals = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for item, points in ballot.items():
            if item in totals:
                totals[item] += points
    return totals


def borda_scores(candidates: Sequence[int], ballots: Sequence[Ballot]) -> dict[int, int]:
    """With n candidates, the item ranked k-th on a ballot gets n - k points (first: n - 1)."""
    n = len(candidates)
    scores = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        for item, position in ballot.items():
            if item in scores:
                scores[item] += n - position
    return scores


def majority_grade(grades: Sequence[int]) -> int | None:
    """Lower median of the grades (None without any grade)."""
    if not grades:
        return None
    ordered = sorted(grades)
    return ordered[(len(ordered) - 1) // 2]


def majority_values(grades: Sequence[int]) -> tuple[int, ...]:
    """Successive majority grades, removing one median vote each time (tie-break key)."""
    remaining = sorted(grades)
    values = []
    while remaining:
        index = (len(remaining) - 1) // 2
        values.append(remaining.pop(index))
    return tuple(values)


def grades_by_item(candidates: Sequence[int], ballots: Sequence[Ballot]) -> dict[int, list[int]]:
    """Each item's grades; an item left ungraded on a ballot counts as "À rejeter" (0)."""
    grades: dict[int, list[int]] = {item: [] for item in candidates}
    for ballot in ballots:
        for item in candidates:
            grades[item].append(ballot.get(item, 0))
    return grades


def _points_like(
    count: Callable[[Sequence[int], Sequence[Ballot]], dict[int, int]],
    candidates: Sequence[tuple[int, str]],
    ballots: Sequence[Ballot],
) -> list[ItemResult]:
    titles = dict(candidates)
    scores = count(list(titles), ballots)
    ranks = competition_ranks(scores)
    return [ItemResult(i, titles[i], ranks[i], scores[i]) for i in titles]


def _majority(candidates: Sequence[tuple[int, str]], ballots: Sequence[Ballot]) -> list[ItemResult]:
    titles = dict(candidates)
    grades = grades_by_item(list(titles), ballots)
    ranks = competition_ranks({i: majority_values(g) for i, g in grades.items()})
    results = []
    for item, item_grades in grades.items():
        grade = majority_grade(item_grades)
        profile = tuple(item_grades.count(k) for k in range(N_GRADES))
        score = -1 if grade is None else grade
        results.append(ItemResult(item, titles[item], ranks[item], score, grade, profile))
    return results


def compute(
    method: str, candidates: Sequence[tuple[int, str]], ballots: Sequence[Ballot]
) -> list[ItemResult]:
    """Results of a vote, best first (ties share a rank, then by title)."""
    if method == "points":
        results = _points_like(points_totals, candidates, ballots)
    elif method == "ranking":
        results = _points_like(borda_scores, candidates, ballots)
    elif method == "majority":
        results = _majority(candidates, ballots)
    else:
        raise ValueError(f"unknown vote method {method!r}")
    return sorted(results, key=lambda r: (r.rank, r.title.casefold()))
