-- Every policy that fired in an advice's trace, so auditors can search by any policy id
-- (a risk factor's, a corridor contribution's), not only the recommendations' own.
CREATE TABLE advice_policies (
    seq        BIGINT NOT NULL,
    policy_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (seq, policy_id)
);
CREATE INDEX advice_policies_policy ON advice_policies (policy_id, seq);
