-- Signed checkpoints (issue 13): the log's identity, its signing keys, and the checkpoints they sign.

-- The log's identity: one row, written with a random id the first time a service opens the
-- store. Every checkpoint names it, so a checkpoint of one log cannot be passed off as another's.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    log_id      VARCHAR(64) NOT NULL,
    created_at  VARCHAR(32) NOT NULL
);

-- The signing keys (Ed25519): a third kind of record in the audit chain, beside advice and
-- activations (chain_head hands out seq to all three; hash by ChainHash.ofKey). The key history is
-- thus part of the log that checkpoints sign. Each key signs its own statement (proof); every key
-- after the first is also signed by the key before it (endorsement), so an auditor who trusts one
-- key of the history can trust the others.
CREATE TABLE key_records (
    seq              BIGINT PRIMARY KEY,
    id               VARCHAR(64) NOT NULL UNIQUE,
    introduced_at    VARCHAR(32) NOT NULL,
    key_id           VARCHAR(64) NOT NULL UNIQUE,
    public_key       TEXT NOT NULL,
    previous_key_id  VARCHAR(64),
    endorsement      TEXT,
    proof            TEXT NOT NULL,
    prev_hash        VARCHAR(64) NOT NULL,
    hash             VARCHAR(64) NOT NULL
);

-- Checkpoints: {log id, seq, head hash, time} signed by a key of key_records. Not part of the
-- chain (they sign it); an edited or forged row fails its signature.
CREATE TABLE checkpoints (
    seq        BIGINT NOT NULL,
    signed_at  VARCHAR(32) NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    log_id     VARCHAR(64) NOT NULL,
    head_hash  VARCHAR(64) NOT NULL,
    signature  TEXT NOT NULL,
    PRIMARY KEY (seq, signed_at, key_id)
);
CREATE INDEX checkpoints_signed ON checkpoints (signed_at, seq);
