package org.mineralsadvisor.authoring;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.mineralsadvisor.profile.JsonSyntax;
import org.mineralsadvisor.rules.PolicyCatalogue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The body of {@code POST /v1/rulesets}: {@code {"files": {"stockpile.drl": "…", "policies.yaml":
 * "…", "tests/x.yaml": "…"}, "reason": "…"}}, the whole rule set in the layout of {@code rules/}.
 */
public record RuleSetUpload(SortedMap<String, String> files, String reason) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_REASON = 2_000;

    public static RuleSetUpload parse(byte[] body) {
        JsonNode root;
        // Read through a parser of our own, so that a limit Jackson reports without a position
        // (nesting depth) is still located where the parser stopped.
        try (JsonParser parser = JSON.createParser(body)) {
            try {
                root = JSON.readTree(parser);
            } catch (JsonProcessingException e) {
                throw new InvalidUploadException(List.of(new UploadProblem("", "malformed_json",
                        JsonSyntax.describe(e, parser.currentLocation()))), true);
            }
        } catch (IOException e) {
            throw new InvalidUploadException(List.of(new UploadProblem("", "malformed_json", "the body cannot be read")), true);
        }
        List<UploadProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidUploadException(List.of(new UploadProblem("", "wrong_type",
                    "expected an object with 'files' and 'reason'")), false);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("files") && !name.equals("reason")) {
                problems.add(new UploadProblem("/" + pointerEscape(name), "unknown_field",
                        "unknown field '" + name + "' (expected 'files' and 'reason')"));
            }
        }
        String reason = "";
        JsonNode reasonNode = root.get("reason");
        if (reasonNode == null || (reasonNode.isTextual() && reasonNode.asText().isBlank())) {
            problems.add(new UploadProblem("/reason", "required", "say why this change is proposed ('reason')"));
        } else if (!reasonNode.isTextual()) {
            problems.add(new UploadProblem("/reason", "wrong_type", "expected a string"));
        } else if (reasonNode.asText().length() > MAX_REASON) {
            problems.add(new UploadProblem("/reason", "too_long", "at most " + MAX_REASON + " characters"));
        } else {
            reason = reasonNode.asText().strip();
        }
        SortedMap<String, String> files = new TreeMap<>();
        JsonNode filesNode = root.get("files");
        if (filesNode == null) {
            problems.add(new UploadProblem("/files", "required", "the rule set's files: an object of path → text"));
        } else if (!filesNode.isObject()) {
            problems.add(new UploadProblem("/files", "wrong_type", "expected an object of path → text"));
        } else if (filesNode.size() > RuleSetFiles.MAX_FILES) {
            problems.add(new UploadProblem("/files", "too_many", "at most " + RuleSetFiles.MAX_FILES + " files"));
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = filesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> file = it.next();
                String pointer = "/files/" + pointerEscape(file.getKey());
                String nameProblem = RuleSetFiles.problemWithName(file.getKey());
                if (nameProblem != null) {
                    problems.add(new UploadProblem(pointer, "bad_file_name", nameProblem));
                } else if (!file.getValue().isTextual()) {
                    problems.add(new UploadProblem(pointer, "wrong_type", "expected the file's text as a string"));
                } else {
                    files.put(file.getKey(), file.getValue().asText());
                }
            }
            if (problems.isEmpty() && files.keySet().stream().noneMatch(n -> n.endsWith(".drl"))) {
                problems.add(new UploadProblem("/files", "no_rules", "the rule set has no .drl file"));
            }
            if (problems.isEmpty() && !files.containsKey(PolicyCatalogue.FILE_NAME)) {
                problems.add(new UploadProblem("/files", "no_catalogue", "the rule set has no "
                        + PolicyCatalogue.FILE_NAME + " (the policy catalogue and stages)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidUploadException(problems, false);
        }
        return new RuleSetUpload(files, reason);
    }

    private static String pointerEscape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
