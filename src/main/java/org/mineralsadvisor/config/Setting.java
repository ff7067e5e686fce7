package org.mineralsadvisor.config;

/**
 * One service setting: its command-line flag, its {@code ADVISOR_*} environment variable and
 * its config-file key, with a default. A flag wins over the environment, which wins over
 * the config file, which wins over the default.
 */
public enum Setting {
    HOST("--host", "ADVISOR_HOST", "host", "127.0.0.1", "Address to bind."),
    PORT("--port", "ADVISOR_PORT", "port", "7070", "TCP port (0 picks a free one)."),
    RULES("--rules", "ADVISOR_RULES", "rules", "rules", "Rules directory (DRL files and policies.yaml)."),
    FACTS("--facts", "ADVISOR_FACTS", "facts", "facts", "Fact-base directory (CSV files)."),
    SCENARIOS("--scenarios", "ADVISOR_SCENARIOS", "scenarios", "scenarios",
            "Shock-scenario directory (one <name>.yaml each), for POST /v1/advice?scenario=<name>."),
    DB("--db", "ADVISOR_DB", "db", "data/advisor.db",
            "Audit store: a SQLite file path, or a jdbc:sqlite: or jdbc:postgresql: URL."),
    MAX_BODY_BYTES("--max-body-bytes", "ADVISOR_MAX_BODY_BYTES", "maxBodyBytes", "1048576",
            "Largest request body accepted (bytes); larger gets 413."),
    WORKERS("--workers", "ADVISOR_WORKERS", "workers", "0",
            "Evaluations that may run at once (0: two per processor)."),
    QUEUE_WAIT_MS("--queue-wait-ms", "ADVISOR_QUEUE_WAIT_MS", "queueWaitMs", "2000",
            "How long a request waits for a free worker before it gets 503."),
    EVALUATION_TIMEOUT_MS("--evaluation-timeout-ms", "ADVISOR_EVALUATION_TIMEOUT_MS", "evaluationTimeoutMs", "5000",
            "Longest one evaluation may run; longer gets 503 and nothing is stored."),
    MAX_FIRINGS("--max-firings", "ADVISOR_MAX_FIRINGS", "maxFirings", "200000",
            "Most rule firings one evaluation may make; more gets 500 and nothing is stored."),
    SHUTDOWN_GRACE_MS("--shutdown-grace-ms", "ADVISOR_SHUTDOWN_GRACE_MS", "shutdownGraceMs", "10000",
            "On SIGTERM, how long in-flight requests get to finish."),
    RULESET_VERSION("--ruleset-version", "ADVISOR_RULESET_VERSION", "rulesetVersion", "",
            "Activate only this rule-set version (sha256:…): the service refuses to start when the rules "
                    + "directory hashes to another. Set it on every instance to run one version everywhere."),
    FACTBASE_VERSION("--factbase-version", "ADVISOR_FACTBASE_VERSION", "factbaseVersion", "",
            "Activate only this fact-base version (sha256:…), as for --ruleset-version."),
    API_KEYS("--api-keys", "ADVISOR_API_KEYS", "apiKeys", "",
            "API keys as comma-separated role:keyId:sha256hex (roles: officer, auditor, expert, admin). "
                    + "None: local single-user mode on 127.0.0.1 only."),
    APPROVALS("--approvals", "ADVISOR_APPROVALS", "approvals", "",
            "Distinct expert (or admin) keys that must approve a rule-set candidate before it activates; the "
                    + "proposer's approval counts. Default: 2 with API keys, 1 in local single-user mode."),
    WATCH_RULES("--watch-rules", "ADVISOR_WATCH_RULES", "watchRules", "true",
            "Watch the rules directory and propose a saved change as a candidate (within 5 s)."),
    FOLLOW_MS("--follow-ms", "ADVISOR_FOLLOW_MS", "followMs", "2000",
            "How often the service checks the audit store for an activation made by another instance."),
    SIGNING_KEY("--signing-key", "ADVISOR_SIGNING_KEY", "signingKey", "",
            "Ed25519 key file (PEM: private and public key) that signs audit checkpoints; made on first start, "
                    + "owner-only. Default: audit-signing-key.pem beside a SQLite store, data/audit-signing-key.pem "
                    + "with PostgreSQL. Instances sharing a store share this file."),
    CHECKPOINT_RECORDS("--checkpoint-records", "ADVISOR_CHECKPOINT_RECORDS", "checkpointRecords", "1000",
            "Sign a checkpoint of the audit log once this many records were added since the last (0: off)."),
    CHECKPOINT_SECONDS("--checkpoint-seconds", "ADVISOR_CHECKPOINT_SECONDS", "checkpointSeconds", "60",
            "Sign a checkpoint when the log has grown and the last is this old (0: off).");

    private final String flag;
    private final String env;
    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String flag, String env, String key, String defaultValue, String description) {
        this.flag = flag;
        this.env = env;
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String env() {
        return env;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }
}
