package org.mineralsadvisor.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.audit.StoreUnavailableException;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.replay.AuditBundle;
import org.mineralsadvisor.replay.AuditExporter;
import org.mineralsadvisor.replay.Bundle;
import org.mineralsadvisor.replay.BundleCheck;
import org.mineralsadvisor.replay.BundleVerifier;
import org.mineralsadvisor.replay.CheckpointSource;
import org.mineralsadvisor.replay.ReplayException;
import org.mineralsadvisor.replay.ReplayResult;
import org.mineralsadvisor.replay.Replayer;
import org.mineralsadvisor.transparency.CheckpointFile;
import org.mineralsadvisor.transparency.CheckpointRefusedException;
import org.mineralsadvisor.transparency.CheckpointSignature;
import org.mineralsadvisor.transparency.Checkpointer;
import org.mineralsadvisor.transparency.Consistency;
import org.mineralsadvisor.transparency.KeyHistory;
import org.mineralsadvisor.transparency.KeyRing;
import org.mineralsadvisor.transparency.LogVerifier;
import org.mineralsadvisor.transparency.SigningKey;
import org.mineralsadvisor.transparency.TrustedKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        header = "Checks the audit trail: verifies the log (against kept checkpoints too), exports, verifies a "
                + "bundle, replays an advice, rotates the signing key.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class, AuditCommand.VerifyBundle.class,
                AuditCommand.Replay.class, AuditCommand.RotateKey.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The --db option of the sub-commands that open the store. */
    static final class Store {
        @Option(names = "--db", paramLabel = "PATH_OR_JDBC_URL",
                description = "Audit store: a SQLite file, or a jdbc:sqlite: or jdbc:postgresql: URL. Default: ${DEFAULT-VALUE}.",
                defaultValue = "${env:ADVISOR_DB:-data/advisor.db}")
        String db;

        /** The store that is there: a command that reads never creates one (a missing file or schema is an error). */
        JdbcAuditStore open() {
            if (!db.startsWith("jdbc:") && !Files.exists(Path.of(db))) {
                throw new StoreUnavailableException("no audit store at " + where(), null);
            }
            if (db.startsWith("jdbc:postgresql:") && !postgresStoreExists()) {
                throw new StoreUnavailableException("no audit store at " + where() + " (no advice_records table in "
                        + "that database and schema)", null);
            }
            return JdbcAuditStore.open(db, new SimpleMeterRegistry());
        }

        private boolean postgresStoreExists() {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(db);
                 java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('advice_records') IS NOT NULL")) {
                return rs.next() && rs.getBoolean(1);
            } catch (java.sql.SQLException e) {
                throw new StoreUnavailableException("cannot open the audit store " + where() + ": " + e.getMessage(), e);
            }
        }

        /**
         * The store as the user can find it from anywhere: a file's absolute path (a relative
         * one depends on the directory the command ran in); a URL without its query, which is
         * where a password would be written.
         */
        String where() {
            if (db.startsWith("jdbc:")) {
                int query = db.indexOf('?');
                if (query < 0) {
                    return db;
                }
                // The schema says which store it is; the rest of the query is where a password would be.
                java.util.regex.Matcher schema = java.util.regex.Pattern.compile("[?&](currentSchema=[^&]+)")
                        .matcher(db);
                return db.substring(0, query) + (schema.find() ? "?" + schema.group(1) : "");
            }
            return Path.of(db).toAbsolutePath().normalize().toString();
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            header = "Recomputes the audit log and names the first broken record.",
            description = {"Checks the hash chain, the search rows against the records they were derived from, the "
                    + "signing keys' history and the stored checkpoints' signatures. With --checkpoint, it also "
                    + "proves that the log still extends each checkpoint you kept: it holds the record the "
                    + "checkpoint signed, and its chain is intact from there to the head.",
                    "Exit codes: 0 the log is intact (and extends every checkpoint given); 1 it is broken, a "
                            + "checkpoint's signature does not hold, or the log does not extend it; 2 the store, a "
                            + "checkpoint file or the key file cannot be read."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "A checkpoint you kept (GET /v1/audit/checkpoint, or a list of them); repeatable.")
        List<Path> checkpoints = new java.util.ArrayList<>();
        @Option(names = "--key", paramLabel = "FILE",
                description = "The public key you trust (PEM, or the JSON of GET /v1/audit/key). Without it, "
                        + "signatures are checked against the log's own key history (trust on first use).")
        Path key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TrustedKey trusted;
            List<Kept> kept = new java.util.ArrayList<>();
            try {
                trusted = key == null ? null : TrustedKey.read(key);
                for (Path file : checkpoints) {
                    String text;
                    try {
                        text = Files.readString(file);
                    } catch (IOException e) {
                        throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
                    }
                    try {
                        CheckpointFile.parse(text).forEach(c -> kept.add(new Kept(file, c)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + ": " + e.getMessage());
                    }
                }
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            try (JdbcAuditStore audit = store.open()) {
                LogVerifier.Report report = LogVerifier.verify(audit, trusted);
                boolean valid = report.valid();
                if (valid) {
                    out.println("valid: " + report.chain().records() + " record(s), chain intact in " + store.where()
                            + "; " + report.keys() + " signing key(s), " + report.checkpointsChecked()
                            + " stored checkpoint(s) hold" + (report.latest() == null ? ""
                            : " (latest: seq " + report.latest().seq() + ", signed " + report.latest().time() + ")"));
                } else if (report.firstBroken() != null) {
                    out.println("BROKEN: first broken record " + report.firstBroken() + " (seq " + report.firstBrokenSeq()
                            + "): " + report.problem() + "; " + report.chain().records() + " record(s) read from "
                            + store.where());
                } else {
                    out.println("BROKEN: " + report.problem() + "; " + report.chain().records() + " record(s) read from "
                            + store.where());
                }
                if (!kept.isEmpty()) {
                    KeyHistory history = KeyHistory.of(audit.logId(), audit.keys());
                    List<org.mineralsadvisor.audit.Checkpoint> signed = new java.util.ArrayList<>();
                    for (Kept k : kept) {
                        if (CheckpointSignature.check(k.checkpoint(), history, trusted).valid()) {
                            signed.add(k.checkpoint());
                        }
                    }
                    signed.addAll(audit.checkpoints(null, 1000).stream()
                            .filter(c -> CheckpointSignature.check(c, history, null).valid()).toList());
                    for (Kept k : kept) {
                        valid &= checkKept(out, audit, history, trusted, k, report, signed);
                    }
                }
                return valid ? 0 : 1;
            } catch (StoreUnavailableException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }

        private record Kept(Path file, org.mineralsadvisor.audit.Checkpoint checkpoint) {
        }

        private static boolean checkKept(PrintWriter out, JdbcAuditStore audit, KeyHistory history, TrustedKey trusted,
                                         Kept k, LogVerifier.Report report,
                                         List<org.mineralsadvisor.audit.Checkpoint> signed) {
            var c = k.checkpoint();
            String name = "checkpoint " + k.file() + " (seq " + c.seq() + ", signed " + c.time() + " by key "
                    + c.keyId() + ")";
            if (!c.logId().equals(audit.logId())) {
                out.println("OTHER LOG: " + name + ": it is a checkpoint of log " + c.logId() + ", and this store holds "
                        + "log " + audit.logId() + " (another store, or this one was replaced)");
                return false;
            }
            CheckpointSignature.Result signature = CheckpointSignature.check(c, history, trusted);
            if (!signature.valid()) {
                long head = audit.head().seq();
                out.println("FORGED: " + name + ": " + signature.problem() + (c.seq() > head ? "; note that the log "
                        + "ends at seq " + head + ", before the checkpoint's seq " + c.seq() + ": records (the key "
                        + "that signed it among them) may have been removed" : ""));
                return false;
            }
            Consistency.Result consistency = Consistency.check(audit, c, report.chain(), signed);
            if (!consistency.consistent()) {
                out.println("INCONSISTENT: " + name + ": signature ok; " + consistency.reason());
                return false;
            }
            out.println("consistent: " + name + ": signature ok, " + signature.how() + "; " + consistency.reason());
            return true;
        }
    }

    @Command(name = "rotate-key", mixinStandardHelpOptions = true,
            header = "Introduces a new signing key into the audit log, endorsed by the current one.",
            description = {"Writes a new Ed25519 key, appends its record to the log (signed by the current key and by "
                    + "itself), and puts it in place of the current key file, which is kept as "
                    + "<file>.<key id>.retired. Checkpoints signed before stay verifiable with the key that signed "
                    + "them. Running instances that read the same key file sign with the new key from their next "
                    + "checkpoint; others need the new file.",
                    "Exit codes: 0 rotated; 1 refused (the key file is not the log's current key); 2 the store or "
                            + "the key file cannot be read."})
    static final class RotateKey implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--signing-key", paramLabel = "FILE",
                description = "The current key file. Default: ${env:ADVISOR_SIGNING_KEY:-audit-signing-key.pem beside "
                        + "a SQLite store, data/audit-signing-key.pem with PostgreSQL}.",
                defaultValue = "${env:ADVISOR_SIGNING_KEY}")
        Path signingKey;

        @Override
        public Integer call() {
            Path file = signingKey != null ? signingKey : KeyRing.defaultFile(store.db);
            if (!Files.exists(file)) {
                spec.commandLine().getErr().println("error: no signing key at " + file.toAbsolutePath().normalize());
                return 2;
            }
            try (JdbcAuditStore audit = store.open()) {
                KeyRing ring = KeyRing.open(audit, file, java.time.Clock.systemUTC());
                String old = ring.key().keyId();
                var record = ring.rotate();
                spec.commandLine().getOut().println("rotated: key " + record.keyId() + " succeeds " + old + " at seq "
                        + record.seq() + "; " + file + " holds the new key");
                return 0;
            } catch (KeyRing.KeyRingException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 1;
            } catch (StoreUnavailableException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Writes one advice's or rule-set activation's self-contained audit bundle as JSON.",
            description = {"An advice's bundle holds the input, the advice, its trace, the rule and fact files and the "
                    + "chain proof; an activation's holds its record, reason, gate and impact summary, the activated "
                    + "rule set's files and the chain proof. Both carry a checkpoint signed by the log's key that "
                    + "covers the record (the chain proof reaches it) and the log's key history. It goes to stdout or "
                    + "to --output.",
                    "The checkpoint is a stored one (the service signs one every --checkpoint-seconds while the log "
                            + "grows). When none covers the record yet, --signing-key signs one now (with the log's "
                            + "current key, as the service would, and stores it); without it the bundle carries the "
                            + "latest checkpoint, a warning says that it does not cover the record, and verify-bundle "
                            + "will fail it. GET /v1/audit/advice/{id}/export signs one itself.",
                    "Exit codes: 0 written; 1 no advice or activation with that id; 2 the store cannot be opened, the "
                            + "--signing-key file is not the log's current signing key, or the log cannot be signed "
                            + "(its chain is broken)."})
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The advice id (adv_…) or an activation's id.")
        String id;
        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the bundle here instead of stdout.")
        Path output;
        @Option(names = "--signing-key", paramLabel = "FILE",
                description = "The log's current signing key file (what the service signs with): signs a checkpoint "
                        + "that covers the record when no stored one does. Default: none (stored checkpoints only).")
        Path signingKey;

        @Override
        public Integer call() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            try (JdbcAuditStore audit = store.open(); Checkpointer signer = signer(audit)) {
                CheckpointSource stored = CheckpointSource.stored(audit);
                CheckpointSource checkpoints = signer == null ? stored : seq -> {
                    Optional<Checkpoint> found = stored.forRecord(seq);
                    return found.isPresent() && found.get().seq() >= seq ? found : Optional.of(signer.signNow());
                };
                Optional<Bundle> bundle = new AuditExporter(audit, checkpoints).export(id);
                if (bundle.isEmpty()) {
                    err.println("error: no advice or activation with id " + id);
                    return 1;
                }
                Checkpoint checkpoint = bundle.get().checkpoint();
                if (checkpoint == null || checkpoint.seq() < bundle.get().recordSeq()) {
                    err.println("warning: " + (checkpoint == null ? "the log has no signed checkpoint"
                            : "no stored checkpoint covers this record (seq " + bundle.get().recordSeq()
                            + "): the latest is seq " + checkpoint.seq()) + ", so the bundle will not verify; the "
                            + "service signs one within --checkpoint-seconds while it runs, or pass --signing-key FILE");
                }
                String json = AdviceJson.pretty(bundle.get());
                if (output == null) {
                    spec.commandLine().getOut().println(json);
                } else {
                    Files.writeString(output, json);
                }
                return 0;
            } catch (SigningRefused e) {
                err.println("error: " + e.getMessage());
                return 2;
            } catch (CheckpointRefusedException e) {
                err.println("error: cannot sign a checkpoint: " + e.getMessage() + " (export without --signing-key "
                        + "to get the bundle with the latest checkpoint, which does not cover the record)");
                return 2;
            } catch (StoreUnavailableException | ReplayException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
        }

        /**
         * The signer of {@code --signing-key}, only when that file holds the log's current key: an
         * export never introduces a key into the log or makes a key file, as the service's first start does.
         */
        private Checkpointer signer(JdbcAuditStore audit) {
            if (signingKey == null) {
                return null;
            }
            if (!Files.exists(signingKey)) {
                throw new SigningRefused("no signing key at " + signingKey.toAbsolutePath().normalize());
            }
            SigningKey key;
            try {
                key = SigningKey.load(signingKey);
            } catch (SigningKey.KeyFileException e) {
                throw new SigningRefused(e.getMessage());
            }
            KeyHistory history = KeyHistory.of(audit.logId(), audit.keys());
            if (!history.intact()) {
                throw new SigningRefused("the audit log's key history is broken: " + history.problems().get(0));
            }
            Optional<KeyRecord> current = history.current();
            if (current.isEmpty()) {
                throw new SigningRefused("the audit log has no signing key yet: the service introduces its key on "
                        + "its first start");
            }
            if (!current.get().keyId().equals(key.keyId())) {
                throw new SigningRefused("the signing key in " + signingKey + " (" + key.keyId() + ") is not the "
                        + "audit log's current key " + current.get().keyId() + " (seq " + current.get().seq() + ")"
                        + (history.record(key.keyId()).isPresent() ? ": it was succeeded by rotation" : ""));
            }
            try {
                KeyRing ring = KeyRing.open(audit, signingKey, java.time.Clock.systemUTC());
                return new Checkpointer(audit, ring, 0, 0, java.time.Clock.systemUTC(), new SimpleMeterRegistry());
            } catch (KeyRing.KeyRingException e) {
                throw new SigningRefused(e.getMessage());
            }
        }

        /** The --signing-key cannot sign this log. */
        private static final class SigningRefused extends RuntimeException {
            SigningRefused(String message) {
                super(message);
            }
        }
    }

    @Command(name = "verify-bundle", mixinStandardHelpOptions = true,
            header = "Checks an exported audit bundle offline.",
            description = {"For an advice it checks the record against its hash, the input and advice against the record, "
                    + "the rule and fact versions against their files, the chain to the head, and a replay of the "
                    + "evaluation; for a rule-set activation the record against its hash, the reason and summary "
                    + "against the record, the rule set against its version, and the chain to the head.",
                    "Chain links of every kind (advice, activation, signing key) are recomputed, each by its own formula.",
                    "A bundle of format 4 carries a checkpoint signed by the log's key and the log's key history: "
                            + "'keys' checks that each key proves it holds its private key and is endorsed by the one "
                            + "before; 'checkpoint signature' that the checkpoint is signed by a key of that history "
                            + "which leads to the key you give with --key (without --key, the bundle's own history is "
                            + "trusted: trust on first use); 'checkpoint covers record' that the checkpoint is at or "
                            + "after the record and signed the hash the chain from the record reaches at its seq. "
                            + "Bundles of formats 3 and 2 carry no checkpoint, which a passing 'checkpoint' line says.",
                    "A failed check names what changed: a record field, the input, the advice, a file, a chain link, "
                            + "a key record or the checkpoint.",
                    "Exit codes: 0 every check holds; 1 one fails (a changed part, a key history or signature that "
                            + "does not hold, a checkpoint that does not cover the record); 2 the file is not a bundle "
                            + "this version reads, or the --key file is not a public key."})
    static final class VerifyBundle implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "A bundle written by 'audit export' or GET /v1/audit/advice/{id}/export.")
        Path file;
        @Option(names = "--no-replay", description = "Skip re-evaluating the advice.")
        boolean noReplay;
        @Option(names = "--key", paramLabel = "FILE",
                description = "The public key you trust (PEM, or the JSON of GET /v1/audit/key), kept from before. "
                        + "Without it, the checkpoint is checked against the bundle's own key history (trust on first use).")
        Path key;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TrustedKey trusted;
            try {
                trusted = key == null ? null : TrustedKey.read(key);
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
            Bundle bundle;
            try {
                bundle = Bundle.read(Files.readAllBytes(file));
            } catch (AuditBundle.UnsupportedBundleException e) {
                spec.commandLine().getErr().println("error: " + file + ": " + e.getMessage());
                return 2;
            } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
                // A field of the wrong type: name it by its JSON path, not by the Java type it maps to.
                spec.commandLine().getErr().println("error: " + file + " is not an audit bundle: " + jsonPath(e) + ": "
                        + "not the expected kind of value (" + e.getOriginalMessage().lines().findFirst().orElse("")
                        .replaceAll("`[a-zA-Z0-9_.$]+\\.([A-Za-z0-9_$]+)`", "$1") + ")");
                return 2;
            } catch (IOException e) {
                spec.commandLine().getErr().println("error: " + file + " is not an audit bundle: "
                        + e.getMessage().lines().findFirst().orElse(""));
                return 2;
            }
            List<BundleCheck> checks = new BundleVerifier().verify(bundle, !noReplay, trusted);
            for (BundleCheck check : checks) {
                out.println((check.passed() ? "ok     " : "FAILED ") + check.name()
                        + (check.detail() == null ? "" : ": " + check.detail()));
            }
            boolean valid = checks.stream().allMatch(BundleCheck::passed);
            out.println(valid ? "bundle valid: " + bundle.kind() + " " + bundle.recordId() : "bundle INVALID");
            return valid ? 0 : 1;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            header = "Re-evaluates a stored advice with its stored rule set and fact base.",
            description = {"Prints {\"identical\": …, \"differences\": […]}.",
                    "Exit codes: 0 identical; 1 different; 2 no such advice or the store cannot be opened."})
    static final class Replay implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The advice id (adv_…).")
        String id;

        @Override
        public Integer call() {
            try (JdbcAuditStore audit = store.open()) {
                var record = audit.find(id);
                if (record.isEmpty()) {
                    spec.commandLine().getErr().println("error: no advice with id " + id);
                    return 2;
                }
                ReplayResult result = new Replayer(new Advisor()).replay(record.get(), Replayer.Contents.of(audit));
                spec.commandLine().getOut().println(AdviceJson.pretty(result));
                return result.identical() ? 0 : 1;
            } catch (StoreUnavailableException | ReplayException e) {
                spec.commandLine().getErr().println("error: " + e.getMessage());
                return 2;
            }
        }
    }

    /** {@code $.checkpoint.seq}, {@code $.keys[0]}: where in the JSON a mapping failed. */
    static String jsonPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
