package org.mineralsadvisor.cli;

import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.FactProblem;
import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Compiles the rules and loads the fact base, reporting every problem with its location.",
        description = {"Each problem prints as file:line:column: message.",
                "It fails on a compile error, a rule without @policyId or @explain, a policy id missing from "
                        + "policies.yaml, an @explain placeholder naming an unbound variable, a missing property or an "
                        + "unknown format, a parameter placeholder naming no parameter of policies.yaml, a parameter "
                        + "value that is not a number, and any fact-base problem.",
                "It warns about a catalogued policy that no rule carries, a number written into a rule name, "
                        + "@explain text or catalogue title instead of a parameter, and a parameter nothing names.",
                "Exit codes: 0 no errors; 1 errors (or warnings with --strict)."})
final class CheckRulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--strict", description = "Treat warnings as errors.")
    boolean strict;

    @Option(names = {"-v", "--verbose"}, description = "List every rule with its file, line, policy id and explanation.")
    boolean verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!KnowledgeDirectories.usable(locations.rules, locations.facts, spec.commandLine().getErr())) {
            return 1;
        }
        List<RuleProblem> ruleProblems = new ArrayList<>();
        RuleSet rules = new RuleSetCompiler().compile(locations.rules, ruleProblems);
        List<FactProblem> factProblems = new ArrayList<>();
        var facts = new FactBaseLoader().load(locations.facts, factProblems);
        RulePaths paths = new RulePaths(locations.rules);
        ruleProblems.forEach(p -> out.println(paths.show(p)));
        factProblems.forEach(p -> out.println(locations.facts.toString().replace('\\', '/') + "/" + p));
        boolean errors = ruleProblems.stream().anyMatch(RuleProblem::isError) || !factProblems.isEmpty();
        boolean warnings = ruleProblems.stream().anyMatch(p -> !p.isError());
        if (rules != null && verbose) {
            for (RuleInfo rule : rules.rules()) {
                String file = paths.show(rule.file());
                out.println(file + ":" + rule.line() + ": [" + rule.policyId() + "] " + rule.name()
                        + " — " + rule.explanation());
                String catalogue = file.substring(0, file.lastIndexOf('/') + 1) + PolicyCatalogue.FILE_NAME;
                for (var parameter : rule.parameters()) {
                    out.println("    " + parameter.policyId() + "." + parameter.name() + " = " + parameter.plain()
                            + "   (" + catalogue + ":" + parameter.line() + ")");
                }
            }
        }
        if (rules != null && facts != null) {
            List<String> byService = rules.catalogue().policies().keySet().stream()
                    .filter(rules.catalogue()::computedByService).toList();
            out.println("ok: " + rules.rules().size() + " rules citing "
                    + rules.rules().stream().map(RuleInfo::policyId).distinct().count() + " of "
                    + (rules.catalogue().policies().size() - byService.size()) + " catalogued policies"
                    + (byService.isEmpty() ? "" : " (" + String.join(", ", byService) + " computed by the service)")
                    + "; rule set " + rules.version() + "; fact base " + facts.version());
        }
        out.flush();
        return errors || (strict && warnings) ? 1 : 0;
    }
}
