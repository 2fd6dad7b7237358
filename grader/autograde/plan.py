"""The plan a submission's sandbox runs: the lesson's code cells with the student's answers, and probes.

A probe calls the student's function on the inputs of one check. The plan itself holds the code and the
visible probes' inputs; where a hidden check stands it holds only the function's name, and the hidden inputs
go in a separate list the sandbox hands over once every cell has run. Expected values never leave the grader.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grader.autograde.lesson import GradedLesson
from grader.autograde.uploads import Submission
from grader.wire import encode


@dataclass
class Plan:
    steps: list[dict]
    hidden: list[list] = field(default_factory=list)  # the cases of each hidden probe, in order
    probes: dict[int, tuple[int, int]] = field(default_factory=dict)  # visible probe step -> (cell index, check)
    hidden_probes: list[tuple[int, int]] = field(default_factory=list)  # hidden probe number -> (cell index, check)

    @property
    def public(self) -> dict:
        return {"steps": self.steps}

    def before(self, step: int) -> Plan:
        """The plan's steps before ``step``: its hidden probes are the first ones of this plan, in order."""
        kept = Plan(self.steps[:step])
        kept.probes = {s: located for s, located in self.probes.items() if s < step}
        count = sum(1 for s in kept.steps if s["kind"] == "hidden")
        kept.hidden, kept.hidden_probes = self.hidden[:count], self.hidden_probes[:count]
        return kept

    def first_unfinished(self, records: list[dict]) -> int | None:
        """The step the notebook was running when it stopped (hidden probes leave no record where they stand)."""
        done = {r["step"] for r in records if isinstance(r.get("step"), int)}
        return next((i for i, s in enumerate(self.steps) if s["kind"] != "hidden" and i not in done), None)


def make_plan(lesson: GradedLesson, submission: Submission) -> Plan:
    plan = Plan([])
    for index, cell in enumerate(lesson.cells):
        if cell.skip or cell.role == "text":
            continue
        if cell.role != "test":
            source = submission.answers.get(cell.grade_id, cell.source) if cell.role == "answer" else cell.source
            plan.steps.append({"kind": "code", "source": source, "cell": index})
            continue
        for number, check in enumerate(cell.checks):
            step = {"function": check.spec.function, "call": check.spec.call}
            cases = [encode(case.args) for case in check.spec.cases]
            if check.hidden:
                plan.hidden_probes.append((index, number))
                plan.hidden.append(cases)
                plan.steps.append({"kind": "hidden", **step})
            else:
                plan.probes[len(plan.steps)] = (index, number)
                plan.steps.append({"kind": "probe", **step, "cases": cases})
    return plan
