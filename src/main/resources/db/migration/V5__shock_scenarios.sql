-- An advice given under a shock scenario (issue 12) names, in scenario, the scenario that made
-- its fact base from the baseline's: JSON with the scenario's name, title, text as written, its
-- SHA-256 and the baseline fact-base version it was applied to. NULL for every other advice.
-- The column is outside the chain hash (ChainHash is unchanged): the record's fact_base_version,
-- which is hashed, is the version of the patched fact base, and replay applies the scenario again
-- to the stored baseline and requires that very version, so an edited scenario fails replay.
ALTER TABLE advice_records ADD COLUMN scenario TEXT;
