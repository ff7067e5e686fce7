package org.mineralsadvisor.http;

import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query parameter a route does not take is a 400 naming it: silently ignoring one
 * ({@code ?trace=false}) lets a caller believe an option took effect. So is one given twice
 * ({@code ?country=IND&country=JPN}): using the first would answer a question the caller
 * did not ask, and no parameter here means "any of".
 */
final class QueryParameters {
    private QueryParameters() {
    }

    /** Each parameter not in {@code known} (once, however often given), and each known one given more than once. */
    static List<ParameterProblem> unknownOrRepeated(Context ctx, Set<String> known) {
        String expected = known.isEmpty() ? "this route takes none" : "known: " + known.stream().sorted().toList();
        return ctx.queryParamMap().entrySet().stream()
                .filter(e -> !known.contains(e.getKey()) || e.getValue().size() > 1)
                .sorted(Map.Entry.comparingByKey())
                .map(e -> known.contains(e.getKey())
                        ? new ParameterProblem(e.getKey(), "repeated_parameter", "query parameter '" + e.getKey()
                                + "' is given " + e.getValue().size() + " times; give it once")
                        : new ParameterProblem(e.getKey(), "unknown_parameter",
                                "unknown query parameter '" + e.getKey() + "'; " + expected))
                .toList();
    }

    static void requireKnown(Context ctx, Set<String> known) {
        List<ParameterProblem> problems = unknownOrRepeated(ctx, known);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    static ProblemException invalid(List<ParameterProblem> problems) {
        return new ProblemException(Problem.of(400, "invalid-query", "Invalid query",
                problems.stream().map(ParameterProblem::message).collect(Collectors.joining("; "))).with(problems));
    }
}
