"""Stages declare needs and provides; the pipeline is checked before it runs."""

from __future__ import annotations

import pytest

from crosswire.errors import PipelineError
from crosswire.pipeline import Pipeline, Stage, pure_stages
from crosswire.settings import Settings


def stage(name, needs, provides, output=None):
    return Stage(name, needs, provides, lambda batch, settings, advance: output or {p: name for p in provides})


def test_a_need_nobody_provides_is_refused_before_anything_runs():
    ran = []
    first = Stage("first", ("a",), ("b",), lambda b, s, adv: ran.append("first") or {"b": 1})
    pipeline = Pipeline([first, stage("second", ("c",), ("d",))])
    with pytest.raises(PipelineError, match="'second' needs c"):
        pipeline.run({"a": 1}, Settings())
    assert ran == []


def test_undeclared_outputs_are_refused():
    with pytest.raises(PipelineError, match="undeclared"):
        Pipeline([stage("s", (), ("a",), output={"a": 1, "b": 2})]).run({}, Settings())


def test_stages_run_in_order_and_after_hook_sees_each():
    seen = []
    batch = Pipeline([stage("one", ("x",), ("y",)), stage("two", ("y",), ("z",))]).run(
        {"x": 0}, Settings(), after=lambda s, b: seen.append((s.name, sorted(b)))
    )
    assert batch == {"x": 0, "y": "one", "z": "two"}
    assert seen == [("one", ["x", "y"]), ("two", ["x", "y", "z"])]


def test_the_pure_stages_fit_together_in_the_documented_order():
    stages = pure_stages()
    assert [s.name for s in stages] == ["clean", "provenance", "stories", "extract", "align", "summarize", "report"]
    Pipeline(stages).check(("documents", "rejections"))
    with pytest.raises(PipelineError):
        Pipeline(stages[1:]).check(("documents",))
