package org.mineralsadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
        header = "Checks a rule set and runs its scenario tests.",
        subcommands = {CheckRulesCommand.class, TestRulesCommand.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
