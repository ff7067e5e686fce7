package org.mineralsadvisor.http;

import io.javalin.http.Context;
import org.mineralsadvisor.audit.AuditQuery;
import org.mineralsadvisor.audit.AuditSearchPage;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.AuditSummary;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.provenance.Timestamps;
import org.mineralsadvisor.replay.Bundle;
import org.mineralsadvisor.replay.AuditExporter;
import org.mineralsadvisor.replay.CheckpointSource;
import org.mineralsadvisor.replay.ReplayException;
import org.mineralsadvisor.replay.ReplayResult;
import org.mineralsadvisor.replay.Replayer;
import org.mineralsadvisor.transparency.LogVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The auditors' views: search, chain verification, replay and export. */
final class AuditHandler {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS = Set.of("country", "from", "to", "policyId", "type", "priority",
            "ruleSet", "limit", "cursor");
    private static final Set<String> TYPES = Set.of("STOCKPILE", "DIVERSIFY", "COALITION", "CORRIDOR");
    private static final Set<String> PRIORITIES = Set.of("HIGH", "MEDIUM", "LOW", "INFO");
    private static final java.util.regex.Pattern ISO3 = java.util.regex.Pattern.compile("[A-Z]{3}");

    private final AuditStore store;
    private final Replayer replayer;
    private final AuditExporter exporter;

    /** @param checkpoints where an export's checkpoint comes from: signed on demand when none stored covers the record */
    AuditHandler(AuditStore store, Replayer replayer, CheckpointSource checkpoints) {
        this.store = store;
        this.replayer = replayer;
        this.exporter = new AuditExporter(store, checkpoints);
    }

    void search(Context ctx) {
        List<ParameterProblem> problems = new ArrayList<>(QueryParameters.unknownOrRepeated(ctx, PARAMETERS));
        String from = instant(ctx, "from", false, problems);
        String to = instant(ctx, "to", true, problems);
        String country = country(ctx, problems);
        String type = oneOf(ctx, "type", TYPES, problems);
        String priority = oneOf(ctx, "priority", PRIORITIES, problems);
        int limit = limit(ctx, problems);
        Long before = cursor(ctx, problems);
        if (!problems.isEmpty()) {
            throw QueryParameters.invalid(problems);
        }
        AuditQuery query = new AuditQuery(country, from, to,
                blankToNull(ctx.queryParam("policyId")), type, priority, blankToNull(ctx.queryParam("ruleSet")),
                limit, before);
        AuditSearchPage page = store.search(query);
        List<Map<String, Object>> items = new ArrayList<>();
        for (AuditSummary hit : page.hits()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", hit.id());
            item.put("seq", hit.seq());
            item.put("createdAt", hit.createdAt());
            item.put("country", hit.country());
            item.put("asOf", hit.asOf());
            item.put("role", hit.role());
            item.put("keyId", hit.keyId());
            item.put("ruleSet", hit.ruleSetVersion());
            item.put("factBase", hit.factBaseVersion());
            item.put("recommendations", hit.recommendations());
            items.add(item);
        }
        // Records the search rows matched but that verify would reject: shown, so none is left out silently.
        List<Map<String, Object>> excluded = new ArrayList<>();
        for (AuditSearchPage.Excluded left : page.excluded()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("seq", left.seq());
            item.put("id", left.id());
            item.put("reason", left.reason());
            excluded.add(item);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("excluded", excluded);
        // After the last record scanned, returned or not: a page may hold fewer items than the limit.
        body.put("nextCursor", page.nextBeforeSeq() == null ? null : encodeCursor(page.nextBeforeSeq()));
        Responses.json(ctx, body);
    }

    /** The chain, the search rows, the signing keys and the stored checkpoints ({@link LogVerifier}). */
    void verify(Context ctx) {
        LogVerifier.Report report = LogVerifier.verify(store);
        ChainStatus status = report.chain();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", report.valid());
        body.put("records", status.records());
        body.put("firstBroken", report.firstBroken());
        if (!report.valid()) {
            body.put("firstBrokenSeq", report.firstBrokenSeq());
            body.put("reason", report.problem());
        }
        body.put("signingKeys", report.keys());
        Map<String, Object> checkpoints = new LinkedHashMap<>();
        checkpoints.put("checked", report.checkpointsChecked());
        checkpoints.put("latest", report.latest());
        body.put("checkpoints", checkpoints);
        Responses.json(ctx, body);
    }

    void replay(Context ctx) {
        StoredRecord record = find(ctx.pathParam("id"));
        try {
            ReplayResult result = replayer.replay(record, Replayer.Contents.of(store));
            ctx.attribute(RequestLog.ADVICE_ID, record.id());
            Responses.json(ctx, result);
        } catch (ReplayException e) {
            throw new ProblemException(Problem.of(409, "replay-impossible", "Cannot replay", e.getMessage()));
        }
    }

    void export(Context ctx) {
        String id = ctx.pathParam("id");
        Bundle bundle;
        try {
            bundle = exporter.export(id).orElseThrow(() -> new ProblemException(Problem.of(404, "advice-not-found",
                    "Advice not found", "no advice or rule-set activation with id " + id)));
        } catch (ReplayException e) {
            throw new ProblemException(Problem.of(409, "export-impossible", "Cannot export", e.getMessage()));
        }
        ctx.attribute(RequestLog.ADVICE_ID, id);
        ctx.header("Content-Disposition", "attachment; filename=\"" + id + ".audit.json\"");
        Responses.json(ctx, bundle);
    }

    private StoredRecord find(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(Problem.of(404, "advice-not-found", "Advice not found", "no advice with id " + id));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A date (whole day, UTC) or an instant, as the store's fixed-width text. */
    private static String instant(Context ctx, String name, boolean endOfDay, List<ParameterProblem> problems) {
        String value = blankToNull(ctx.queryParam(name));
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                Instant at = endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
                return Timestamps.format(at);
            }
            return Timestamps.format(Instant.parse(value));
        } catch (DateTimeParseException e) {
            problems.add(new ParameterProblem(name, "malformed_date", name + " '" + value
                    + "' is not a date (YYYY-MM-DD) or an instant (YYYY-MM-DDThh:mm:ssZ)"));
            return null;
        }
    }

    /**
     * Country ids, types and priorities are upper case by the data contract, so {@code kor}
     * can only mean {@code KOR}; a value that cannot be a country id at all is an error, not
     * a search that silently finds nothing.
     */
    private static String upperCase(Context ctx, String name) {
        String value = blankToNull(ctx.queryParam(name));
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    private static String country(Context ctx, List<ParameterProblem> problems) {
        String value = upperCase(ctx, "country");
        if (value != null && !ISO3.matcher(value).matches()) {
            problems.add(new ParameterProblem("country", "malformed_country", "country '"
                    + blankToNull(ctx.queryParam("country")) + "' is not an ISO 3166-1 alpha-3 code (three letters, e.g. IND)"));
            return null;
        }
        return value;
    }

    private static String oneOf(Context ctx, String name, Set<String> allowed, List<ParameterProblem> problems) {
        String value = upperCase(ctx, name);
        if (value != null && !allowed.contains(value)) {
            problems.add(new ParameterProblem(name, "invalid_value", name + " '" + blankToNull(ctx.queryParam(name))
                    + "' is not one of "
                    + allowed.stream().sorted().toList()));
            return null;
        }
        return value;
    }

    private static int limit(Context ctx, List<ParameterProblem> problems) {
        String value = blankToNull(ctx.queryParam("limit"));
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(new ParameterProblem("limit", "out_of_range", "limit must be a whole number from 1 to " + MAX_LIMIT));
        return DEFAULT_LIMIT;
    }

    private static Long cursor(Context ctx, List<ParameterProblem> problems) {
        String value = blankToNull(ctx.queryParam("cursor"));
        if (value == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            if (text.startsWith("seq:")) {
                return Long.parseLong(text.substring(4));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(new ParameterProblem("cursor", "invalid_cursor", "cursor is not one this service returned"));
        return null;
    }

    /** Opaque to clients; stable because records are append-only and listed by descending seq. */
    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("seq:" + seq).getBytes(StandardCharsets.UTF_8));
    }
}
