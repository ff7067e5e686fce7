package org.mineralsadvisor.cli;

import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.nio.file.Path;

/**
 * Rule problems name files within the rule set ({@code rules/stockpile.drl}) so that advice
 * and traces do not depend on where a deployment keeps its rules. At the command line that
 * name must lead to the file: a user who ran {@code --rules /tmp/x} gets
 * {@code /tmp/x/stockpile.drl:3:4}.
 */
final class RulePaths {
    private static final String ROOT = RuleSetCompiler.DISPLAY_ROOT + "/";

    /** The directory as the user gave it, with a trailing slash; null when it is the display root itself. */
    private final String directory;

    RulePaths(Path rulesDir) {
        String given = rulesDir.normalize().toString().replace('\\', '/');
        this.directory = given.equals(RuleSetCompiler.DISPLAY_ROOT) ? null
                : given.isEmpty() ? "" : given.endsWith("/") ? given : given + "/";
    }

    RuleProblem show(RuleProblem problem) {
        String file = show(problem.file());
        return file.equals(problem.file()) ? problem
                : new RuleProblem(file, problem.line(), problem.column(), problem.severity(), problem.message());
    }

    /** A located line ({@code rules/x.drl:3:4: …}) or a file name, with the display root replaced by the directory. */
    String show(String located) {
        return directory == null || located == null || !located.startsWith(ROOT) ? located
                : directory + located.substring(ROOT.length());
    }
}
