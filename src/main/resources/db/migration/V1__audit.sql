-- The audit store. Append-only: schema changes are new V<n>__<what>.sql files, never edits.
-- Portable between SQLite and PostgreSQL.

-- The end of the hash chain: one row, locked by every writer, so that concurrent writers
-- (threads, or service instances sharing one PostgreSQL) extend a single chain.
CREATE TABLE chain_head (
    id    INTEGER PRIMARY KEY,
    seq   BIGINT NOT NULL,
    hash  VARCHAR(64) NOT NULL
);
INSERT INTO chain_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- One row per advice given. seq is gap-free; hash covers the row and prev_hash.
CREATE TABLE advice_records (
    seq                BIGINT PRIMARY KEY,
    id                 VARCHAR(64) NOT NULL UNIQUE,
    created_at         VARCHAR(32) NOT NULL,
    country            VARCHAR(8) NOT NULL,
    as_of              VARCHAR(10) NOT NULL,
    role               VARCHAR(16) NOT NULL,
    key_id             VARCHAR(128) NOT NULL,
    rule_set_version   VARCHAR(80) NOT NULL,
    fact_base_version  VARCHAR(80) NOT NULL,
    input              TEXT NOT NULL,
    advice             TEXT NOT NULL,
    prev_hash          VARCHAR(64) NOT NULL,
    hash               VARCHAR(64) NOT NULL
);
CREATE INDEX advice_records_country ON advice_records (country, seq);
CREATE INDEX advice_records_created ON advice_records (created_at, seq);
CREATE INDEX advice_records_rule_set ON advice_records (rule_set_version, seq);

-- The recommendations of each record, for search by policy id, type and priority.
CREATE TABLE advice_recommendations (
    seq        BIGINT NOT NULL,
    position   INTEGER NOT NULL,
    type       VARCHAR(16) NOT NULL,
    subject    VARCHAR(128) NOT NULL,
    priority   VARCHAR(8) NOT NULL,
    policy_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (seq, position)
);
CREATE INDEX advice_recommendations_policy ON advice_recommendations (policy_id, seq);
CREATE INDEX advice_recommendations_type ON advice_recommendations (type, priority, seq);

-- Rule-set and fact-base contents by version, stored the first time a version is used, so
-- that any advice can be replayed after the files on disk have changed.
CREATE TABLE rule_sets (
    version    VARCHAR(80) PRIMARY KEY,
    stored_at  VARCHAR(32) NOT NULL,
    content    TEXT NOT NULL
);
CREATE TABLE fact_bases (
    version    VARCHAR(80) PRIMARY KEY,
    stored_at  VARCHAR(32) NOT NULL,
    content    TEXT NOT NULL
);
