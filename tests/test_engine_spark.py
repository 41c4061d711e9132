"""The Spark engine, in Spark's local mode with two worker processes: it writes the local engine's
dossiers and store, accounts for every input, re-runs without change, keeps chunk order, and
reports a worker's failure as an error that names it."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

import crosswire
from crosswire.cli import main
from crosswire.errors import ConfigError
from crosswire.store import Store

pytest.importorskip("pyspark")
if not shutil.which("java"):
    pytest.skip("the Spark engine needs Java (apt-get install openjdk-17-jre-headless)", allow_module_level=True)

from crosswire.engines import spark as spark_engine

BRIDGE = (
    "A wooden footbridge over the Lindau canal collapsed on Tuesday morning under the weight of a delivery "
    "van, the town's fire brigade said. Nobody was hurt. The driver climbed out through the window before "
    "the van sank, and divers recovered it in the afternoon."
)
BRIDGE_FOLLOW_UP = (
    "Engineers began inspecting both banks of the Lindau canal on Wednesday, a day after the footbridge gave "
    "way. " + BRIDGE + " The town council said the footbridge had been due for repairs next spring and would "
    "stay closed until the inspection ends; a ferry will carry pedestrians in the meantime."
)


@pytest.fixture(scope="module")
def context():
    with spark_engine.spark_context("local[2]") as started:
        yield started


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The example's five reports, two reports of another event (one relaying the other), and two
    inputs that must be rejected."""
    folder = tmp_path_factory.mktemp("spark-corpus")
    for f in sorted(EXAMPLE.iterdir()):
        shutil.copy(f, folder / f.name)
    (folder / "bridge-1.txt").write_text("Footbridge collapses\n\n" + BRIDGE + "\n", encoding="utf-8")
    (folder / "bridge-2.txt").write_text("Canal banks inspected\n\n" + BRIDGE_FOLLOW_UP + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    return folder


@pytest.fixture(scope="module")
def runs(corpus, context, tmp_path_factory):
    """``{"local": (result, db), "spark": (result, db)}`` for the same corpus."""
    base = tmp_path_factory.mktemp("spark-runs")
    local_db, spark_db = base / "local.duckdb", base / "spark.duckdb"
    return {
        "local": (crosswire.analyze([str(corpus)], db=local_db), local_db),
        "spark": (spark_engine.analyze([str(corpus)], db=spark_db, context=context), spark_db),
    }


def as_json(dossiers: dict) -> dict:
    return {sid: json.dumps(d, sort_keys=True) for sid, d in dossiers.items()}


def test_spark_writes_the_local_engines_dossiers(runs):
    (here, _), (spread, _) = runs["local"], runs["spark"]
    assert (spread.read, spread.accepted, spread.rejected) == (here.read, here.accepted, here.rejected) == (9, 7, 2)
    assert sorted((r.input, r.reason) for r in spread.rejections) == sorted((r.input, r.reason) for r in here.rejections)
    assert len(spread.dossiers) >= 2  # the example's story and the footbridge's
    assert as_json(spread.dossiers) == as_json(here.dossiers)


def test_spark_stores_what_the_local_engine_stores(runs):
    stored = {}
    for engine, (_, db) in runs.items():
        with Store(db) as store:
            stored[engine] = (
                sorted((l.kind, l.a, l.b, l.score) for l in store.reuse_links()),
                sorted(f.article_ids for f in store.families()),
                sorted(store.dossier_inputs().items()),
                len(store.rejections()),
            )
    assert stored["spark"] == stored["local"]
    links = stored["spark"][0]
    assert any("bridge" not in a.article_id and kind == "passage" for kind, a, _, _ in links)


def test_a_spark_rerun_changes_nothing(runs, corpus, context):
    _, db = runs["spark"]
    with Store(db) as store:
        before = (store.dossiers(), len(store.articles()), sorted(l.a for l in store.reuse_links()))
    again = spark_engine.analyze([str(corpus)], db=db, context=context)
    assert again.added == 0 and again.already_stored == 7
    assert again.reused == set(again.dossiers)  # every story kept its dossier
    with Store(db) as store:
        assert (store.dossiers(), len(store.articles()), sorted(l.a for l in store.reuse_links())) == before


def test_chunks_come_back_in_order_and_progress_counts_them_all(context):
    executor = spark_engine.SparkExecutor(context)
    items = list(range(23))
    chunks = executor.split(items)
    assert [x for chunk in chunks for x in chunk] == items
    assert 1 < len(chunks) <= spark_engine.CHUNKS_PER_WORKER * executor.slots
    assert max(map(len, chunks)) - min(map(len, chunks)) <= 1
    advanced: list[int] = []
    sums = executor.map(sum, chunks, advanced.append, [len(c) for c in chunks])
    assert sums == [sum(c) for c in chunks]
    assert sum(advanced) == len(items)
    assert len(executor.task_seconds[-1]) == len(chunks) and min(executor.task_seconds[-1]) >= 0


def test_a_failing_task_is_an_error_that_says_what_failed(context):
    def _refuse_three(chunk):  # defined here, so that it travels to the workers by value
        if 3 in chunk:
            raise ValueError("chunk three is refused")
        return chunk

    executor = spark_engine.SparkExecutor(context)
    with pytest.raises(ConfigError, match="chunk three is refused"):
        executor.map(_refuse_three, [[1], [2], [3]])
    assert executor.map(_refuse_three, [[1], [2]]) == [[1], [2]]  # the context survives


def test_the_cli_runs_the_spark_engine(corpus, context, tmp_path):
    folder = tmp_path / "bridge"
    folder.mkdir()
    for name in ("bridge-1.txt", "bridge-2.txt"):
        shutil.copy(corpus / name, folder / name)
    result = CliRunner().invoke(main, ["analyze", str(folder), "--engine", "spark", "--db", str(tmp_path / "x.duckdb"),
                                       "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "read 2 = accepted 2 + rejected 0" in result.output
    assert len(list((tmp_path / "out").glob("*.json"))) == 1


def test_ingest_then_stories_on_spark_store_what_the_local_engine_stores(corpus, context, tmp_path):
    """`ingest` and `stories` with `--engine spark` (the running context is used) clean and align on
    Spark and end with the local engine's articles, rejections, reuse links, families and stories."""
    stored = {}
    for engine in ("local", "spark"):
        db = str(tmp_path / f"{engine}.duckdb")
        ingest = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db, "--engine", engine, "-q"])
        assert ingest.exit_code == 0, ingest.output
        assert "read 9 = accepted 7 + rejected 2" in ingest.output
        stories = CliRunner().invoke(main, ["stories", "--db", db, "--engine", engine, "-q"])
        assert stories.exit_code == 0, stories.output
        with Store(db) as store:
            stored[engine] = (
                sorted(a.id for a in store.articles()),
                sorted((r.input, r.reason) for r in store.rejections()),
                sorted((l.kind, l.a, l.b, l.score) for l in store.reuse_links()),
                sorted(f.article_ids for f in store.families()),
                sorted(sorted(s.article_ids) for s in store.stories()),
            )
    assert stored["spark"] == stored["local"]
    assert stored["spark"][2] and len(stored["spark"][4]) >= 2  # links were found; two events, two stories
