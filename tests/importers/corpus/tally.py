"""The corpus's tally (tried / rejected / unchanged), printed at the end of the run."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Tally:
    tried: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def line(self) -> str:
        refused = len(self.tried) - len(self.repaired)
        return (
            f"Corpus de fichiers hostiles : {len(self.tried)} essayés, "
            f"{len(self.rejected)} refusés proprement, {len(self.repaired)} réparés et signalés, "
            f"{len(self.unchanged)}/{refused} refus sans aucun changement (base et fichiers)."
        )


TALLY = Tally()


def record(name: str, *, refused: bool, unchanged: bool, repaired: bool = False) -> None:
    """One case's outcome (the assertions themselves stay in the tests)."""
    TALLY.tried.append(name)
    if repaired:
        TALLY.repaired.append(name)
        return
    if refused:
        TALLY.rejected.append(name)
    if unchanged:
        TALLY.unchanged.append(name)
