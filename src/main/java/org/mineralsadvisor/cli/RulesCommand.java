package org.mineralsadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Work on a rule set: check it, run its scenario tests.",
        subcommands = {CheckRulesCommand.class, TestRulesCommand.class})
final class RulesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
