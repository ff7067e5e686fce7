package org.mineralsadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
        header = "Checks a rule set, runs its scenario tests, and shows what a change to it does to the advice.",
        subcommands = {CheckRulesCommand.class, TestRulesCommand.class, DiffRulesCommand.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
