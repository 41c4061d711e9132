"""Docs that cannot rot: every setting documented, README examples run, README commands exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from crosswire.settings import ConfigError, Settings, documented_settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_has_a_calibration_note():
    docs = documented_settings()
    assert len(docs) >= 10
    for key, doc in docs.items():
        assert len(doc) >= 30, f"setting {key} needs a note on how it was chosen"


def test_settings_refuse_unknown_names():
    with pytest.raises(ConfigError, match="nope"):
        Settings.from_mapping({"clean": {"nope": 1}})
    assert Settings.from_mapping({"summarize": {"words": 50}}).summarize.words == 50


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", setup, re.DOTALL)
    assert [b.split("#")[0].strip() for b in blocks] == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_readme_python_example_runs():
    [code] = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "5 5 0" in result.stdout


def test_readme_commands_exist():
    from crosswire.cli import main

    for command in set(re.findall(r"^crosswire (\w+)", README, re.MULTILINE)):
        assert command in main.commands, command
    for command in set(re.findall(r"^crosswire eval (\w+)", README, re.MULTILINE)):
        assert command in main.commands["eval"].commands, command
