"""axe-core in the e2e suite: inject the pinned script in every frame, run the WCAG 2.1 A/AA rules.

The script is the `axe.min.js` that the PyPI package `axe-playwright-python` ships (pinned in
requirements-dev.txt): one installer (pip) for the whole project, no Node toolchain in CI. Only the
script is used; the runner is here so that every frame (Streamlit components are iframes) is
audited and a failure names the rule, its impact, the page and the element.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from typing import Any

AXE_SOURCE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = ("critical", "serious")
_RUN = """async ([tags, only]) => {
  const options = {runOnly: only ? {type: 'rule', values: only} : {type: 'tag', values: tags},
                   iframes: false, resultTypes: ['violations']};
  const result = await axe.run(document, options);
  return {version: axe.version, violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '),
                              summary: (n.failureSummary || '').slice(0, 300)}))}))};
}"""


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    where: str  # page name given by the caller, plus the frame when not the top document
    targets: tuple[str, ...]
    summary: str

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:5]) + (" …" if len(self.targets) > 5 else "")
        head = f"[{self.impact}] {self.rule} on {self.where}: {self.help}"
        return f"{head} — {shown}\n    {self.summary}"


def version(page: Any) -> str:
    _inject(page.main_frame)
    return str(page.main_frame.evaluate("axe.version"))


def audit(page: Any, where: str, rules: tuple[str, ...] = ()) -> list[Violation]:
    """Violations of WCAG 2.0/2.1 A and AA (or of `rules` only) in the page and all its frames."""
    found: list[Violation] = []
    for frame in page.frames:
        if frame.is_detached() or frame.url in ("", "about:blank"):
            continue
        _inject(frame)
        result = frame.evaluate(_RUN, [list(WCAG_TAGS), list(rules) or None])
        label = where if frame is page.main_frame else f"{where} (frame {frame.name or frame.url})"
        for raw in result["violations"]:
            nodes = raw["nodes"]
            found.append(
                Violation(
                    rule=raw["id"],
                    impact=raw["impact"] or "minor",
                    help=raw["help"],
                    where=label,
                    targets=tuple(n["target"] for n in nodes),
                    summary=nodes[0]["summary"].replace("\n", " ") if nodes else "",
                )
            )
    return found


def blocking(violations: list[Violation]) -> list[Violation]:
    return [v for v in violations if v.impact in BLOCKING]


def report(violations: list[Violation]) -> str:
    return "\n".join(str(v) for v in violations)


def _inject(frame: Any) -> None:
    if not frame.evaluate("typeof window.axe !== 'undefined'"):
        frame.add_script_tag(content=AXE_SOURCE)
