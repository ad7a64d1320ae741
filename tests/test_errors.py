"""core/errors.py: problems are counted by severity and listed in one order everywhere."""

from __future__ import annotations

from sitegen.commands.check import CheckProblem
from sitegen.core.errors import Diagnostic, Diagnostics, of_severity, report_order


def test_problems_are_listed_by_file_then_line_then_text() -> None:
    diagnostics = Diagnostics()
    diagnostics.warning("b.txt", 3, "later line")
    diagnostics.error("b.txt", None, "whole file")
    diagnostics.error("a.txt", 12, "z")
    diagnostics.warning("b.txt", 3, "earlier text")
    assert [(d.path, d.line, d.message) for d in diagnostics.sorted()] == [
        ("a.txt", 12, "z"),
        ("b.txt", None, "whole file"),
        ("b.txt", 3, "earlier text"),
        ("b.txt", 3, "later line"),
    ]


def test_the_site_check_lists_its_problems_in_the_same_order() -> None:
    problems = [CheckProblem("b.html", "x", 2), CheckProblem("b.html", "y"), CheckProblem("a", "z")]
    diagnostics = [Diagnostic(p.path, p.line, p.message) for p in problems]
    assert [str(p) for p in sorted(problems, key=report_order)] == [
        "a: z",
        "b.html: y",
        "b.html:2: x",
    ]
    assert [report_order(d) for d in diagnostics] == [report_order(p) for p in problems]


def test_errors_and_warnings_are_counted_apart_in_their_order() -> None:
    diagnostics = Diagnostics()
    diagnostics.warning("a", 1, "w1")
    diagnostics.error("a", 2, "e1")
    diagnostics.warning("a", 3, "w2")
    assert [d.message for d in of_severity(diagnostics.items, "warning")] == ["w1", "w2"]
    assert (
        diagnostics.errors
        == of_severity(diagnostics.items, "error")
        == [Diagnostic("a", 2, "e1", "error")]
    )
    assert of_severity([], "error") == []
