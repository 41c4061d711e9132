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


def test_ingest_reads_its_settings_from_the_config_file(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "short.txt").write_text("The council of Vey approved the harbour budget on Tuesday after a debate.")
    config = tmp_path / "crosswire.toml"
    config.write_text("[ingest]\nmin_chars = 200\n")
    db = str(tmp_path / "s.duckdb")
    plain = CliRunner().invoke(main, ["ingest", str(inputs), "--db", db, "-q"])
    assert "read 1 = accepted 1 + rejected 0" in plain.output
    strict = CliRunner().invoke(main, ["ingest", str(inputs), "--db", str(tmp_path / "t.duckdb"), "--config",
                                       str(config), "-q"])
    assert strict.exit_code == 0, strict.output
    assert "read 1 = accepted 0 + rejected 1" in strict.output and "min_chars=200" in strict.output


def test_stories_after_ingest_finds_near_duplicates_first(tmp_path):
    """`ingest` then `stories` keeps a wire report and its lightly edited copy in one near-duplicate
    family, stored as `analyze` stores it, and so in one story."""
    from crosswire.store import Store

    report = ("The harbour council of Vey voted on Tuesday to close the old ferry pier after engineers found "
              "cracks in three of its concrete piles. The council said ferries would dock at the north quay "
              "from next month while a new pier is designed. Fishermen who use the pier protested outside the "
              "town hall, and their union said it would ask the regional court to suspend the decision. The "
              "mayor, Ana Vell, said safety came first and that the repairs would cost at least 4 million euros.")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "wire.txt").write_text(report)
    (inputs / "copy.txt").write_text(report.replace("on Tuesday", "late on Tuesday").replace("at least", "over"))
    (inputs / "other.txt").write_text("Rain delayed the opening match of the Lisca chess festival by an hour, "
                                      "and the organisers moved the blitz round to Sunday. " * 3)
    db = str(tmp_path / "s.duckdb")
    assert CliRunner().invoke(main, ["ingest", str(inputs), "--db", db, "-q"]).exit_code == 0
    result = CliRunner().invoke(main, ["stories", "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    assert "clustered 3 articles" in result.output
    with Store(db) as store:
        by_source = {a.source.rsplit("/", 1)[-1]: a.id for a in store.articles()}
        families = [set(f.article_ids) for f in store.families() if f.kind == "document"]
        story_of = {aid: s.id for s in store.stories() for aid in s.article_ids}
    assert {by_source["wire.txt"], by_source["copy.txt"]} in families
    assert story_of[by_source["wire.txt"]] == story_of[by_source["copy.txt"]] != story_of[by_source["other.txt"]]


def test_stories_and_ingest_take_the_engine_options(tmp_path):
    for command in ("ingest", "stories"):
        args = [command, "--db", str(tmp_path / "s.duckdb"), "--spark-master", "local[2]"]
        if command == "ingest":
            args.insert(1, str(tmp_path))
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "--spark-master needs --engine spark" in result.output
