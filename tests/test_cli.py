"""The command line: help everywhere, accounting printed, clean errors."""

from __future__ import annotations

import sys

import click
import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

from crosswire.cli import main


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


@pytest.mark.parametrize(("path", "command"), list(all_commands(main)), ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_every_command_has_help(path, command):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert command.help and len(command.help.strip()) > 20
    assert "Usage:" in result.output


def test_ingest_prints_the_accounting_and_each_rejection(tmp_path):
    (tmp_path / "good.txt").write_text("The council approved the budget on Tuesday after a long debate. " * 3)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    db = tmp_path / "s.duckdb"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "read 3 = accepted 1 + rejected 2" in result.output
    assert "empty.txt: empty" in result.output and "bin.txt: binary" in result.output
    again = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(db), "-q"])
    assert "new in store: 0, already stored: 1" in again.output


def test_missing_input_is_a_clean_error_not_a_traceback(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb"), "-q"])
    assert result.exit_code == 2
    assert "Error: no such file or directory" in result.output
    assert "Traceback" not in result.output


def test_settings_lists_every_setting_with_its_note():
    from crosswire.settings import documented_settings

    output = CliRunner().invoke(main, ["settings"]).output
    for key in documented_settings():
        assert f"  {key.split('.')[1]} = " in output


def test_status_lists_counts_and_rejections(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("The council approved the budget on Tuesday after a long debate. " * 3)
    (inputs / "empty.txt").write_text("")
    db = str(tmp_path / "s.duckdb")
    CliRunner().invoke(main, ["ingest", str(inputs), "--db", db, "-q"])
    result = CliRunner().invoke(main, ["status", "--db", db])
    assert result.exit_code == 0, result.output
    assert "articles     1" in result.output and "rejections   1" in result.output
    assert "empty.txt: empty" in result.output
    missing = CliRunner().invoke(main, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no store" in missing.output


def test_analyze_names_each_story_with_its_count_of_articles(tmp_path):
    (tmp_path / "a.txt").write_text("The council of Vey approved the harbour budget on Tuesday after a long debate. " * 3)
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                                       "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert ": 1 article — The council of Vey approved" in result.output


def test_analyze_reads_settings_from_toml_and_refuses_unknown_names(tmp_path):
    (tmp_path / "a.txt").write_text("The council approved the budget on Tuesday after a long debate. " * 3)
    bad = tmp_path / "bad.toml"
    bad.write_text("[summarize]\nwordz = 10\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.duckdb"),
                                       "--out", str(tmp_path / "out"), "--config", str(bad), "-q"])
    assert result.exit_code == 2 and "unknown setting(s) in [summarize]: wordz" in result.output
    broken = tmp_path / "broken.toml"
    broken.write_text("[summarize\n")
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.txt"), "--config", str(broken), "-q",
                                       "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "broken.toml" in result.output


def test_spark_master_without_the_spark_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--spark-master", "local[2]",
                                       "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "--spark-master needs --engine spark" in result.output


def test_the_spark_engine_without_pyspark_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["analyze", str(EXAMPLE), "--engine", "spark", "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "pip install 'crosswire[spark]'" in result.output
    assert not (tmp_path / "x.duckdb").exists()  # nothing was read or stored
