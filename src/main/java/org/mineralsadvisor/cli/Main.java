package org.mineralsadvisor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS;
import static picocli.CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS_HEADING;

/** The {@code advisor} command line: one jar, one sub-command per job. */
@Command(name = "advisor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Minerals Advisor: critical-mineral policy advice from Drools rules, with a full reasoning trace.",
        subcommands = {EvaluateCommand.class, RulesCommand.class, AuditCommand.class, TrainCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line and returns its exit code (tests call this instead of main). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(System.in, out, err, args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code in} as standard input ({@code evaluate -}). */
    public static int run(InputStream in, PrintWriter out, PrintWriter err, String... args) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cli = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == EvaluateCommand.class ? type.cast(new EvaluateCommand(in)) : defaults.create(type);
            }
        });
        cli.addSubcommand("serve", ServeCommand.command());
        cli.setHelpSectionKeys(usageFirst(cli.getHelpSectionKeys()));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** "Usage: …" first, then the one-sentence header that the parent's command list also shows. */
    private static List<String> usageFirst(List<String> keys) {
        List<String> ordered = new ArrayList<>(keys);
        ordered.removeAll(List.of(SECTION_KEY_SYNOPSIS_HEADING, SECTION_KEY_SYNOPSIS));
        ordered.addAll(0, List.of(SECTION_KEY_SYNOPSIS_HEADING, SECTION_KEY_SYNOPSIS));
        return ordered;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
