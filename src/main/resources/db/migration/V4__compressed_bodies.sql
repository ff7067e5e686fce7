-- Each advice and profile is kept compressed (issue 10): a new record stores its bodies as
-- zstd frames in input_z and advice_z and names the codec in body_codec; its input and advice
-- (TEXT NOT NULL since V1) hold the empty string. Records written before V4 keep their bodies
-- as text, untouched, with body_codec NULL: a store holds both kinds and reads them alike
-- (see StoredBody). The chain hash covers the uncompressed bodies, so both kinds verify alike.
--
-- ${binary} is BLOB on SQLite and BYTEA on PostgreSQL (a Flyway placeholder set by
-- JdbcAuditStore). Adding nullable columns rewrites no existing row on either database, and
-- SQLite cannot drop the NOT NULL of input and advice without copying the whole table: hence
-- the empty strings rather than NULL in new records.
ALTER TABLE advice_records ADD COLUMN body_codec VARCHAR(16);
ALTER TABLE advice_records ADD COLUMN input_z ${binary};
ALTER TABLE advice_records ADD COLUMN advice_z ${binary};

-- Search by policy id has used advice_policies since V2 (every fired policy, the
-- recommendations' own included); this index on the recommendations' policy ids serves no
-- query, and costs about 0.6 KB per India advice.
DROP INDEX advice_recommendations_policy;

-- Advice is compressed against a dictionary: the first advice stored under the same rule set
-- and fact base (CompressionDictionaries). A dictionary's id is the SHA-256 of its bytes; it is
-- committed before any record that names it in advice_records.dictionary, and checked against
-- its id when read, so an edited dictionary fails verification of every record that uses it.
CREATE TABLE compression_dictionaries (
    id                 VARCHAR(64) PRIMARY KEY,
    created_at         VARCHAR(32) NOT NULL,
    rule_set_version   VARCHAR(80) NOT NULL,
    fact_base_version  VARCHAR(80) NOT NULL,
    content_z          ${binary} NOT NULL
);
CREATE INDEX compression_dictionaries_versions ON compression_dictionaries (rule_set_version, fact_base_version);
ALTER TABLE advice_records ADD COLUMN dictionary VARCHAR(64);
