package org.mineralsadvisor.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.audit.Checkpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a checkpoint an auditor kept: the JSON of {@code GET /v1/audit/checkpoint}, or a list of
 * them (the {@code items} of {@code GET /v1/audit/checkpoints}, or a JSON array). A field that is
 * missing or of the wrong type is named by its JSON path.
 */
public final class CheckpointFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    public static List<Checkpoint> parse(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            // Jackson's own text may quote a source location of its own; the line and column say it.
            throw new IllegalArgumentException("not JSON: " + where
                    + e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^)]*\\)\\)?", "")
                    .replaceAll("\\s*\\[Source:.*$", ""));
        }
        if (tree == null) {
            throw new IllegalArgumentException("empty: expected a checkpoint (the JSON of GET /v1/audit/checkpoint)");
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        if (tree.isArray() || tree.path("items").isArray()) {
            JsonNode items = tree.isArray() ? tree : tree.get("items");
            String base = tree.isArray() ? "$" : "$.items";
            for (int i = 0; i < items.size(); i++) {
                checkpoints.add(one(items.get(i), base + "[" + i + "]"));
            }
            if (checkpoints.isEmpty()) {
                throw new IllegalArgumentException(base + ": no checkpoints");
            }
            return checkpoints;
        }
        return List.of(one(tree, "$"));
    }

    private static Checkpoint one(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(path + ": expected a checkpoint object");
        }
        String format = text(node, path, "format");
        if (!Checkpoint.FORMAT.equals(format)) {
            throw new IllegalArgumentException(path + ".format: '" + format + "' is not " + Checkpoint.FORMAT);
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToLong() || !seq.isIntegralNumber() || seq.asLong() < 0) {
            throw new IllegalArgumentException(path + ".seq: expected a whole number from 0");
        }
        String headHash = hex64(node, path, "headHash");
        String keyId = hex64(node, path, "keyId");
        String time = text(node, path, "time");
        try {
            java.time.Instant.parse(time);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(path + ".time: '" + time + "' is not a UTC time (2026-12-01T10:00:00.000Z)");
        }
        String signature = text(node, path, "signature");
        try {
            if (java.util.Base64.getDecoder().decode(signature).length != 64) {
                throw new IllegalArgumentException(path + ".signature: an Ed25519 signature is 64 bytes (88 base64 "
                        + "characters)");
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(path) ? e : new IllegalArgumentException(path + ".signature: not base64");
        }
        return new Checkpoint(format, text(node, path, "logId"), seq.asLong(), headHash, time, keyId, signature);
    }

    private static String hex64(JsonNode node, String path, String field) {
        String value = text(node, path, field);
        if (!value.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException(path + "." + field + ": expected 64 lower-case hex digits (a SHA-256)");
        }
        return value;
    }

    private static String text(JsonNode node, String path, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(path + "." + field + ": " + (value == null ? "missing" : "expected a string"));
        }
        return value.asText();
    }
}
