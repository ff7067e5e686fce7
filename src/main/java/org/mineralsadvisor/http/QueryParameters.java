package org.mineralsadvisor.http;

import io.javalin.http.Context;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A query parameter a route does not take is a 400 naming it: silently ignoring one
 * ({@code ?trace=false}) lets a caller believe an option took effect.
 */
final class QueryParameters {
    private QueryParameters() {
    }

    static List<ParameterProblem> unknown(Context ctx, Set<String> known) {
        String expected = known.isEmpty() ? "this route takes none" : "known: " + known.stream().sorted().toList();
        return ctx.queryParamMap().keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .map(name -> new ParameterProblem(name, "unknown_parameter",
                        "unknown query parameter '" + name + "'; " + expected))
                .toList();
    }

    static void requireKnown(Context ctx, Set<String> known) {
        List<ParameterProblem> problems = unknown(ctx, known);
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
    }

    static ProblemException invalid(List<ParameterProblem> problems) {
        return new ProblemException(Problem.of(400, "invalid-query", "Invalid query",
                problems.stream().map(ParameterProblem::message).collect(Collectors.joining("; "))).with(problems));
    }
}
