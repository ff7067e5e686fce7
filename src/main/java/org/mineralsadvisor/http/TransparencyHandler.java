package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainHash;
import org.mineralsadvisor.audit.ChainLink;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.Checkpoint;
import org.mineralsadvisor.audit.KeyRecord;
import org.mineralsadvisor.transparency.CheckpointRefusedException;
import org.mineralsadvisor.transparency.Checkpointer;
import org.mineralsadvisor.transparency.Ed25519;
import org.mineralsadvisor.transparency.KeyHistory;
import org.mineralsadvisor.transparency.KeyRing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an outsider needs to hold the log to account: signed checkpoints to keep, the public keys
 * that signed them (their history, rotation included), and proofs that the log as it is now
 * extends a checkpoint kept earlier.
 */
final class TransparencyHandler {
    static final int DEFAULT_LINKS = 1000;
    static final int MAX_LINKS = 10_000;
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    private final AuditStore store;
    private final Checkpointer checkpointer;

    TransparencyHandler(AuditStore store, Checkpointer checkpointer) {
        this.store = store;
        this.checkpointer = checkpointer;
    }

    private Checkpointer signer() {
        if (checkpointer == null) {
            throw new ProblemException(Problem.of(503, "signing-unavailable", "Signing unavailable",
                    "this server runs without a signing key"));
        }
        return checkpointer;
    }

    /** The latest checkpoint; the first one is signed on demand when none is stored yet. */
    void latest(Context ctx) {
        Optional<Checkpoint> latest = signer().latestStored();
        Responses.json(ctx, latest.isPresent() ? latest.get() : sign());
    }

    void signNow(Context ctx) {
        RequestBodies.requireNone(ctx, "signing a checkpoint takes no body (send none, or {}): it signs the log as it is");
        Checkpoint checkpoint = sign();
        ctx.status(201);
        Responses.json(ctx, checkpoint);
    }

    private Checkpoint sign() {
        try {
            return signer().signNow();
        } catch (CheckpointRefusedException e) {
            throw new ProblemException(Problem.of(409, "checkpoint-refused", "Checkpoint refused", e.getMessage()));
        }
    }

    void list(Context ctx) {
        List<ParameterProblem> problems = new ArrayList<>(QueryParameters.unknownOrRepeated(ctx, Set.of("limit", "cursor")));
        int limit = whole(ctx, "limit", 1, AuditHandler.MAX_LIMIT, AuditHandler.DEFAULT_LIMIT, problems);
        Position before = cursor(ctx, problems);
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        List<Checkpoint> page = before == null ? store.checkpoints(null, limit + 1)
                : store.checkpoints(before.seq(), before.time(), limit + 1);
        boolean more = page.size() > limit;
        page = more ? page.subList(0, limit) : page;
        Checkpointer.Status status = signer().status();
        Map<String, Object> signerState = new LinkedHashMap<>();
        signerState.put("keyId", status.keyId());
        signerState.put("signing", status.problem() == null);
        signerState.put("problem", status.problem());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logId", store.logId());
        body.put("signer", signerState);
        body.put("items", page);
        body.put("nextCursor", more ? encodeCursor(page.get(page.size() - 1)) : null);
        Responses.json(ctx, body);
    }

    /** The key that signs now. */
    void key(Context ctx) {
        KeyHistory history = KeyHistory.of(store.logId(), store.keys());
        KeyRecord current = history.records().isEmpty() ? null : history.records().get(history.records().size() - 1);
        if (current == null) {
            throw new ProblemException(Problem.of(404, "no-signing-key", "No signing key", "the log has no signing key yet"));
        }
        Responses.json(ctx, keyJson(current));
    }

    /** Every key the log ever had, oldest first, with the signatures that link them. */
    void keys(Context ctx) {
        String logId = store.logId();
        KeyHistory history = KeyHistory.of(logId, store.keys());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logId", logId);
        body.put("intact", history.intact());
        body.put("problem", history.intact() ? null : history.problems().get(0));
        body.put("keys", history.records().stream().map(TransparencyHandler::keyJson).toList());
        Responses.json(ctx, body);
    }

    /** Introduces a new key, endorsed by the current one (admin only). */
    void rotate(Context ctx) {
        RequestBodies.requireNone(ctx, "a rotation takes no body (send none, or {}): the new key is made by the service");
        KeyRing ring = signer().keys();
        KeyRecord record;
        try {
            record = ring.rotate();
        } catch (KeyRing.KeyRingException e) {
            throw new ProblemException(Problem.of(409, "rotation-refused", "Rotation refused", e.getMessage()));
        } catch (org.mineralsadvisor.audit.KeyConflictException e) {
            throw new ProblemException(Problem.of(409, "rotation-conflict", "Rotation conflict", e.getMessage()));
        }
        try {
            signer().signNow();
        } catch (CheckpointRefusedException e) {
            // the rotation stands; the signer reports why it does not sign
        }
        ctx.status(201);
        Responses.json(ctx, keyJson(record));
    }

    static Map<String, Object> keyJson(KeyRecord k) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keyId", k.keyId());
        json.put("algorithm", Ed25519.ALGORITHM);
        json.put("publicKey", k.publicKey());
        json.put("pem", pem(k.publicKey()));
        json.put("seq", k.seq());
        json.put("id", k.id());
        json.put("introducedAt", k.introducedAt());
        json.put("previousKeyId", k.previousKeyId());
        json.put("endorsement", k.endorsement());
        json.put("proof", k.proof());
        json.put("hash", k.hash());
        return json;
    }

    private static String pem(String base64) {
        String body;
        try {
            body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return null;
        }
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /**
     * The proof that the log extends its state at {@code from}: the record there (its hash), every
     * link after it up to the head (a page at a time), and the latest signed checkpoint. Given
     * {@code hash} (the hash a kept checkpoint signed at that seq), it also says whether they agree;
     * a careful client checks the links itself.
     */
    void consistency(Context ctx) {
        List<ParameterProblem> problems = new ArrayList<>(QueryParameters.unknownOrRepeated(ctx,
                Set.of("from", "hash", "limit")));
        String fromText = ctx.queryParam("from");
        Long from = null;
        if (fromText == null || fromText.isBlank()) {
            problems.add(new ParameterProblem("from", "required", "from (the seq of a checkpoint you kept) is required"));
        } else {
            from = parseWhole(fromText.trim());
            if (from == null || from < 0) {
                problems.add(new ParameterProblem("from", "out_of_range", "from must be a whole number from 0"));
            }
        }
        String hash = ctx.queryParam("hash");
        if (hash != null && !HASH.matcher(hash.trim()).matches()) {
            problems.add(new ParameterProblem("hash", "malformed_hash", "hash must be 64 lower-case hex digits"));
        }
        int limit = whole(ctx, "limit", 1, MAX_LINKS, DEFAULT_LINKS, problems);
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        ChainLink head = store.head();
        if (from > head.seq()) {
            throw new ProblemException(Problem.of(404, "no-such-record", "No such record", "the log has no record "
                    + from + ": its head is seq " + head.seq()
                    + (hash == null ? "" : "; a checkpoint of seq " + from + " is not extended by this log")));
        }
        String fromHash = from == 0 ? ChainHash.GENESIS : store.hashAt(from).orElse(null);
        List<ChainLink> links = store.linksAfter(from, limit);
        long last = links.isEmpty() ? from : links.get(links.size() - 1).seq();
        boolean complete = last >= head.seq();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logId", store.logId());
        body.put("from", position(from, fromHash == null ? "" : fromHash));
        body.put("head", position(head.seq(), head.hash()));
        if (hash != null) {
            // The verdict rests on the whole log, not only on this page: the hash at `from`, and a
            // chain that verifies from the first record to the head (an edit before `from` breaks it too).
            String expected = hash.trim();
            ChainStatus chain = store.verify();
            String problem = null;
            if (!expected.equals(fromHash)) {
                problem = "the log was rewritten: record " + from + " (" + store.idAt(from).orElse("?") + ") now hashes to "
                        + fromHash + ", not to " + expected;
            } else if (!chain.valid()) {
                problem = "the chain is broken at record " + chain.firstBrokenSeq()
                        + (chain.firstBroken() == null ? "" : " (" + chain.firstBroken() + ")") + ": " + chain.reason();
            }
            body.put("consistent", problem == null);
            body.put("problem", problem);
        }
        body.put("links", links);
        body.put("complete", complete);
        body.put("next", complete ? null : "/v1/audit/consistency?from=" + last + "&limit=" + limit);
        body.put("checkpoint", checkpointer == null ? null : checkpointer.latestStored().orElse(null));
        Responses.json(ctx, body);
    }

    private static Map<String, Object> position(long seq, String hash) {
        Map<String, Object> position = new LinkedHashMap<>();
        position.put("seq", seq);
        position.put("hash", hash);
        return position;
    }

    private static Long parseWhole(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int whole(Context ctx, String name, int min, int max, int fallback, List<ParameterProblem> problems) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Long parsed = parseWhole(value.trim());
        if (parsed == null || parsed < min || parsed > max) {
            problems.add(new ParameterProblem(name, "out_of_range", name + " must be a whole number from " + min
                    + " to " + max));
            return fallback;
        }
        return parsed.intValue();
    }

    /** Where a page of checkpoints ends: several may share a seq (signed at different times). */
    private record Position(long seq, String time) {
    }

    private static Position cursor(Context ctx, List<ParameterProblem> problems) {
        String value = ctx.queryParam("cursor");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            String[] parts = text.split(" ", -1);
            if (parts.length == 3 && parts[0].equals("checkpoint")) {
                return new Position(Long.parseLong(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(new ParameterProblem("cursor", "invalid_cursor", "cursor is not one this service returned"));
        return null;
    }

    private static String encodeCursor(Checkpoint last) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("checkpoint " + last.seq() + " " + last.time())
                .getBytes(StandardCharsets.UTF_8));
    }
}
