"""Named, transactional schema migrations, applied in order and recorded in ``_migrations``.

Add a migration by appending ``(name, sql)`` to :data:`MIGRATIONS`; never edit one that has
shipped. Each runs inside one transaction: a failure leaves the store as it was.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            raw_text VARCHAR NOT NULL,
            text VARCHAR NOT NULL,
            title VARCHAR,
            url VARCHAR,
            outlet VARCHAR,
            author VARCHAR,
            published DATE,
            published_source VARCHAR NOT NULL,
            language VARCHAR,
            repairs VARCHAR[],
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );
        CREATE TABLE rejections (
            input VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            detail VARCHAR,
            content_id VARCHAR,
            first_seen TIMESTAMP DEFAULT current_timestamp,
            PRIMARY KEY (input, reason)
        );
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            title VARCHAR,
            article_ids VARCHAR[] NOT NULL,
            first_published DATE,
            last_published DATE
        );
        CREATE TABLE reuse_links (
            kind VARCHAR NOT NULL,
            a_article VARCHAR NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL,
            b_article VARCHAR NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL,
            score DOUBLE NOT NULL,
            direction VARCHAR NOT NULL
        );
        CREATE TABLE families (
            id VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            origin VARCHAR,
            members JSON NOT NULL
        );
        CREATE TABLE evidence (
            story_id VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,
            id VARCHAR NOT NULL,
            record JSON NOT NULL,
            PRIMARY KEY (story_id, kind, id)
        );
        CREATE TABLE dossiers (
            story_id VARCHAR PRIMARY KEY,
            schema_version VARCHAR NOT NULL,
            dossier JSON NOT NULL
        );
        """,
    ),
    (
        "0002_lsh_index",
        """
        CREATE TABLE lsh_meta (
            name VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        );
        CREATE TABLE lsh_docs (
            doc INTEGER PRIMARY KEY,
            article_id VARCHAR NOT NULL UNIQUE,
            published DATE,
            length INTEGER NOT NULL,
            signature BLOB NOT NULL,
            shingles BLOB NOT NULL
        );
        CREATE TABLE lsh_bands (
            band SMALLINT NOT NULL,
            key UBIGINT NOT NULL,
            doc INTEGER NOT NULL
        );
        CREATE TABLE passage_seeds (
            seed UBIGINT NOT NULL,
            doc INTEGER NOT NULL
        );
        """,
    ),
    (
        "0003_story_state",
        """
        CREATE TABLE story_articles (
            article_id VARCHAR PRIMARY KEY,
            story_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL
        );
        CREATE TABLE story_vectors (
            article_id VARCHAR PRIMARY KEY,
            embedding FLOAT[]
        );
        CREATE TABLE story_lsh (
            article_id VARCHAR NOT NULL,
            band SMALLINT NOT NULL,
            bucket BIGINT NOT NULL
        );
        CREATE TABLE story_history (
            seq INTEGER PRIMARY KEY,
            kind VARCHAR NOT NULL,
            story_id VARCHAR NOT NULL,
            other_id VARCHAR,
            article_ids VARCHAR[] NOT NULL,
            recorded_at TIMESTAMP DEFAULT current_timestamp
        );
        """,
    ),
    (
        "0004_dossier_inputs",
        """
        ALTER TABLE dossiers ADD COLUMN inputs VARCHAR;
        """,
    ),
]
