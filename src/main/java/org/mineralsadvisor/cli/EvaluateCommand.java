package org.mineralsadvisor.cli;

import org.mineralsadvisor.advice.Advice;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.profile.CountryProfile;
import org.mineralsadvisor.profile.InvalidProfileException;
import org.mineralsadvisor.profile.ProfileParser;
import org.mineralsadvisor.profile.ProfileProblem;
import org.mineralsadvisor.service.InvalidKnowledgeException;
import org.mineralsadvisor.service.Knowledge;
import org.mineralsadvisor.shock.InvalidShockScenarioException;
import org.mineralsadvisor.shock.ScenarioLibrary;
import org.mineralsadvisor.shock.ShockDifference;
import org.mineralsadvisor.shock.ShockReport;
import org.mineralsadvisor.shock.ShockedFacts;
import org.mineralsadvisor.timeline.InvalidRangeException;
import org.mineralsadvisor.timeline.Timeline;
import org.mineralsadvisor.timeline.TimelineRange;
import org.mineralsadvisor.timeline.TimelineReport;
import org.mineralsadvisor.timeline.TimelineText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        header = "Evaluates country profiles and prints the advice.",
        description = {"Each FILE is a profile JSON file, or - for standard input; files and - can be mixed.",
                "One input prints the advice JSON; several print one advice per line (JSON Lines), in the order given.",
                "An invalid profile prints {\"input\": FILE, \"errors\": [...]} in its place.",
                "With --from and --to: a timeline of one FILE, evaluated on each date of the range (the date replaces "
                        + "the profile's asOf), printing the first date's recommendations and then only the dates "
                        + "where they change, with what changed; nothing is recorded anywhere.",
                "With --scenario, each result is {scenario, baseline, scenarioAdvice, difference}: the advice on the",
                "fact base as it is, the advice with the shock scenario's changes applied (for this run only; no file",
                "is written) and what differs, recommendation by recommendation.",
                "Exit codes: 0 all advised; 2 some input invalid (or a bad range or scenario); 1 the rules or facts did not load."})
final class EvaluateCommand implements Callable<Integer> {
    static final int INVALID_INPUT = 2;
    /** The FILE that stands for standard input. */
    static final String STDIN = "-";

    private final InputStream stdin;
    /** Standard input once read: "-" given twice is the same profile twice. */
    private byte[] stdinBytes;

    EvaluateCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Spec
    CommandSpec spec;

    @Mixin
    Locations locations;

    @Option(names = "--no-trace", description = "Leave the trace out (recommendations keep empty 'because' lists).")
    boolean noTrace;

    @Option(names = "--from", paramLabel = "DATE",
            description = "Timeline: the first date evaluated (YYYY-MM-DD), with --to.")
    String from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Timeline: the last date evaluated (YYYY-MM-DD, on or after --from).")
    String to;

    @Option(names = "--step", paramLabel = "STEP",
            description = "Timeline: day, week, month (the default), quarter or year, each counted from --from "
                    + "(31 Jan, 28 Feb, 31 Mar), and --to itself; or changes: --from and each date the fact base "
                    + "changes (a membership starts, a control comes into force or ends). At most "
                    + TimelineRange.MAX_DATES + " dates.")
    String step;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "Timeline: text (the default: the dates and their changes) or json.")
    Format format;

    enum Format { text, json }
    @Option(names = "--scenario", paramLabel = "SCENARIO", description = "A shock scenario (YAML, e.g. "
            + "scenarios/indonesia-lifts-nickel-ore-ban.yaml): also evaluate under it and show the difference.")
    Path scenario;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Profile JSON files; - reads one from standard input.")
    List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean timeline = from != null || to != null || step != null;
        List<String> usage = new ArrayList<>();
        TimelineRange range = null;
        if (!timeline && format != null) {
            usage.add("--format is for a timeline: give --from and --to");
        }
        if (timeline && scenario != null) {
            usage.add("--scenario and a timeline (--from, --to) go separately: run one, then the other");
        }
        if (timeline && files.size() != 1) {
            usage.add("a timeline is of one profile; " + files.size() + " FILEs were given");
        }
        if (timeline && usage.isEmpty()) {
            try {
                range = TimelineRange.of(from, to, step, parameter -> "--" + parameter);
            } catch (InvalidRangeException e) {
                e.problems().forEach(p -> usage.add(p.message()));
            }
        }
        if (!usage.isEmpty()) {
            usage.forEach(message -> err.println("error: " + message));
            err.flush();
            return INVALID_INPUT;
        }
        Knowledge loaded = load(locations, err);
        if (loaded == null) {
            return 1;
        }
        if (timeline) {
            return timeline(loaded, range, out, err);
        }
        ProfileParser parser = loaded.parser();
        Advisor evaluator = new Advisor();
        ShockedFacts shocked = null;
        ProfileParser shockedParser = null;
        if (scenario != null) {
            try {
                shocked = ShockedFacts.apply(ScenarioLibrary.read(scenario, null), loaded.facts());
            } catch (InvalidShockScenarioException e) {
                e.problems().forEach(err::println);
                err.flush();
                return INVALID_INPUT;
            }
            shockedParser = new ProfileParser(shocked.facts());
            if (shocked.note() != null) {
                err.println("note: " + shocked.note());
                err.flush();
            }
        }
        boolean single = files.size() == 1;
        boolean anyInvalid = false;
        for (Path file : files) {
            Object result;
            try {
                byte[] body = read(file);
                CountryProfile profile = parser.parse(body);
                Advice advice = evaluator.evaluate(loaded.rules(), loaded.facts(), profile, !noTrace);
                if (shocked == null) {
                    result = advice;
                } else {
                    Advice under = evaluator.evaluate(loaded.rules(), shocked.facts(), shockedParser.parse(body), !noTrace);
                    result = ShockReport.of(shocked, advice, under, ShockDifference.of(advice, under));
                }
            } catch (InvalidProfileException e) {
                anyInvalid = true;
                result = errors(file, e.problems());
            } catch (java.nio.file.NoSuchFileException e) {
                anyInvalid = true;
                result = errors(file, List.of(ProfileProblem.of("", "not_found", "no such file: " + file)));
            } catch (IOException e) {
                anyInvalid = true;
                result = errors(file, List.of(ProfileProblem.of("", "unreadable", "cannot read " + file + ": " + e)));
            }
            out.println(single ? AdviceJson.pretty(result) : AdviceJson.compact(result));
            out.flush();
        }
        return anyInvalid ? INVALID_INPUT : 0;
    }

    private int timeline(Knowledge loaded, TimelineRange range, PrintWriter out, PrintWriter err) {
        Path file = files.get(0);
        boolean json = format == Format.json;
        CountryProfile profile;
        List<ProfileProblem> problems;
        try {
            profile = loaded.parser().parse(read(file));
            TimelineReport report = new Timeline(new Advisor()).run(loaded.rules(), loaded.facts(), profile, range);
            if (json) {
                out.println(AdviceJson.pretty(report));
            } else {
                TimelineText.lines(report).forEach(out::println);
            }
            out.flush();
            return 0;
        } catch (InvalidRangeException e) {
            e.problems().forEach(p -> err.println("error: " + p.message()));
            err.flush();
            return INVALID_INPUT;
        } catch (InvalidProfileException e) {
            problems = e.problems();
        } catch (java.nio.file.NoSuchFileException e) {
            problems = List.of(ProfileProblem.of("", "not_found", "no such file: " + file));
        } catch (IOException e) {
            problems = List.of(ProfileProblem.of("", "unreadable", "cannot read " + file + ": " + e));
        }
        if (json) {
            out.println(AdviceJson.pretty(errors(file, problems)));
            out.flush();
        } else {
            problems.forEach(p -> err.println("error: " + file + (p.pointer().isEmpty() ? "" : " " + p.pointer())
                    + ": " + p.code() + ": " + p.message()));
            err.flush();
        }
        return INVALID_INPUT;
    }

    private byte[] read(Path file) throws IOException {
        if (file.toString().equals(STDIN)) {
            if (stdinBytes == null) {
                // One byte over the limit is enough for the parser to reject it as too large.
                stdinBytes = stdin.readNBytes(ProfileParser.MAX_BYTES + 1);
            }
            return stdinBytes;
        }
        if (Files.isRegularFile(file) && Files.size(file) > ProfileParser.MAX_BYTES) {
            return new byte[ProfileParser.MAX_BYTES + 1];
        }
        return Files.readAllBytes(file);
    }

    private static Map<String, Object> errors(Path file, List<ProfileProblem> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("input", file.toString());
        result.put("errors", problems);
        return result;
    }

    /** The rule set and fact base, or null after printing every problem. */
    static Knowledge load(Locations locations, PrintWriter err) {
        if (!KnowledgeDirectories.usable(locations.rules, locations.facts, err)) {
            return null;
        }
        try {
            return Knowledge.load(locations.rules, locations.facts);
        } catch (InvalidKnowledgeException e) {
            RulePaths paths = new RulePaths(locations.rules);
            e.problems().forEach(p -> err.println(paths.show(p)));
            err.flush();
            return null;
        }
    }
}
