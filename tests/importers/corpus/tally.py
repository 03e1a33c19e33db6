"""The corpus's tally (tried / rejected / unchanged), printed at the end of the run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    tried: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)  # cases whose rule is "repair and report"
    rejected: list[str] = field(default_factory=list)  # right code, French fragments, no leak
    repaired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    peak_mb: int = 0  # the largest peak memory (RSS) of one CLI run

    def line(self) -> str:
        refusals = len(self.tried) - len(self.repairs)
        return (
            f"Corpus de fichiers hostiles : {len(self.tried)} essayés, "
            f"{len(self.rejected)}/{refusals} refusés proprement, "
            f"{len(self.repaired)}/{len(self.repairs)} réparés et signalés, "
            f"{len(self.unchanged)}/{refusals} refus sans aucun changement (base et fichiers)"
            + (f", pic mémoire d'un import {self.peak_mb} Mo." if self.peak_mb else ".")
        )


TALLY = Tally()
PROPERTY = "corpus_case"  # the user property each case's report carries its outcome in


def record(
    name: str, *, clean: bool, unchanged: bool, repair: bool = False, rss_mb: int = 0
) -> None:
    """One case's outcome, before the test asserts it (so that failures are counted too)."""
    TALLY.tried.append(name)
    TALLY.peak_mb = max(TALLY.peak_mb, rss_mb)
    if repair:
        TALLY.repairs.append(name)
        if clean:
            TALLY.repaired.append(name)
        return
    if clean:
        TALLY.rejected.append(name)
    if unchanged:
        TALLY.unchanged.append(name)
