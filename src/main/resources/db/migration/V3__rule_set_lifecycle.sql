-- The rule-set lifecycle: candidates, their approvals, and activations in the audit chain.

-- One row per activation of a rule set. It is a record of the audit chain like an advice:
-- seq shares one number space with advice_records (chain_head hands out both), and hash covers
-- the row and prev_hash by the activation formula (see ChainHash).
CREATE TABLE activation_records (
    seq               BIGINT PRIMARY KEY,
    id                VARCHAR(64) NOT NULL UNIQUE,
    activated_at      VARCHAR(32) NOT NULL,
    version           VARCHAR(80) NOT NULL,
    previous_version  VARCHAR(80),
    proposer          VARCHAR(128) NOT NULL,
    approvers         TEXT NOT NULL,
    reason            TEXT NOT NULL,
    summary_json      TEXT NOT NULL,
    prev_hash         VARCHAR(64) NOT NULL,
    hash              VARCHAR(64) NOT NULL
);

-- Rule sets proposed for activation, one row per version (saving it again replaces the row).
CREATE TABLE rule_set_candidates (
    version      VARCHAR(80) PRIMARY KEY,
    origin       VARCHAR(16) NOT NULL,
    proposer     VARCHAR(128) NOT NULL,
    reason       TEXT NOT NULL,
    proposed_at  VARCHAR(32) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    files        TEXT NOT NULL,
    gate_json    TEXT NOT NULL
);
CREATE INDEX rule_set_candidates_proposed ON rule_set_candidates (proposed_at, version);

-- Approvals of candidates: the key makes a second approval by the same key impossible, even
-- from two instances at once.
CREATE TABLE rule_set_approvals (
    version      VARCHAR(80) NOT NULL,
    key_id       VARCHAR(128) NOT NULL,
    approved_at  VARCHAR(32) NOT NULL,
    PRIMARY KEY (version, key_id)
);
