package org.mineralsadvisor.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.mineralsadvisor.advice.AdviceJson;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.audit.StoreUnavailableException;
import org.mineralsadvisor.authoring.RuleSetFiles;
import org.mineralsadvisor.authoring.RuleSetLifecycle;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.rules.RuleSetDiff;
import org.mineralsadvisor.scenario.ScenarioFiles;
import org.mineralsadvisor.scenario.ScenarioReport;
import org.mineralsadvisor.service.Knowledge;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.FactProblem;
import org.mineralsadvisor.impact.ImpactDiff;
import org.mineralsadvisor.impact.ImpactReport;
import org.mineralsadvisor.impact.ImpactText;
import org.mineralsadvisor.impact.ProfileInput;
import org.mineralsadvisor.rules.RuleProblem;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.rules.RuleSetCompiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Shows what a candidate rule set changes in the advice: per profile, then totals.",
        description = {"Every profile (the files of --profiles, or the stored inputs of past advice in --db) is "
                + "evaluated under the base and the candidate rule set; only what changed is printed: a "
                + "recommendation added (+), removed (-) or changed (~, field by field, before → after), matched by "
                + "type and subject; a profile the fact base rejects is listed as invalid. Then the totals by "
                + "recommendation type and by policy id.",
                "A rule set is a rules directory, or a version (sha256:…) stored in the audit store given by --db.",
                "Exit codes: 0 the diff ran (whether or not anything changed); 1 a rule set or the fact base does "
                        + "not load; 2 bad usage or input (a missing directory, an unknown version, no profiles)."})
final class DiffRulesCommand implements Callable<Integer> {
    static final int BAD_INPUT = 2;
    private static final String VERSION_PREFIX = "sha256:";

    @Spec
    CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "DIR_OR_VERSION",
            description = "The rule set in use: a rules directory or a stored version (sha256:…).")
    String base;

    @Option(names = "--candidate", required = true, paramLabel = "DIR_OR_VERSION",
            description = "The rule set to compare with it: a rules directory or a stored version (sha256:…).")
    String candidate;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Evaluate the profiles in DIR: each *.json file is one profile, each line of a *.jsonl "
                    + "file one more; in file-name order.")
    Path profiles;

    @Option(names = "--db", paramLabel = "URL_OR_PATH",
            description = "Audit store (a SQLite file, or a jdbc:sqlite: or jdbc:postgresql: URL): without "
                    + "--profiles, evaluate the stored inputs of past advice, newest first; also where stored "
                    + "rule-set versions are read from.")
    String db;

    @Option(names = "--since", paramLabel = "DATE",
            description = "With --db: only advice given on or after DATE (2026-02-04, UTC) or instant.")
    String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "With --db: at most N advice, the newest. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--facts", paramLabel = "DIR", defaultValue = "${env:ADVISOR_FACTS:-facts}",
            description = "Fact-base directory both rule sets are evaluated against. Default: ${DEFAULT-VALUE}.")
    Path facts;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (one line per change, then totals) or json (the report). Default: ${DEFAULT-VALUE}.")
    Format format;

    enum Format { text, json }

    /** What the JSON form prints. */
    record Output(Object rules, ImpactReport impact) {
    }

    /** A problem of the command's input: printed as one {@code error:} line, exit 2. */
    private static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }

    /** A rule set or the fact base that does not load: its problems are printed, exit 1. */
    private static final class DoesNotLoad extends Exception {
        final List<String> problems;

        DoesNotLoad(List<String> problems) {
            super(String.join("\n", problems));
            this.problems = problems;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            checkUsage();
            Instant from = since == null ? null : since(since);
            FactBase factBase = loadFacts();
            List<ProfileInput> inputs;
            RuleSet baseRules;
            RuleSet candidateRules;
            Map<String, List<String>> coverage;
            String source;
            try (AuditStore store = db == null ? null : openStore()) {
                baseRules = ruleSet("--base", base, store);
                candidateRules = ruleSet("--candidate", candidate, store);
                coverage = coveredBy(candidateRules, factBase, store);
                if (profiles != null) {
                    inputs = readProfiles(profiles);
                    source = profiles.toString();
                } else {
                    inputs = store.recentInputs(from, limit).stream()
                            .map(stored -> new ProfileInput(stored.id(), stored.input())).toList();
                    source = store.description();
                }
            }
            Progress progress = System.console() != null && inputs.size() >= Progress.WORTH_SHOWING
                    ? new Progress(err) : null;
            ImpactReport report = new ImpactDiff().run(baseRules, candidateRules, factBase, inputs,
                    progress == null ? ImpactDiff.Progress.NONE : progress);
            if (progress != null) {
                progress.finish();
            }
            RuleSetDiff rules = RuleSetDiff.of(baseRules, candidateRules, coverage);
            if (format == Format.json) {
                out.println(AdviceJson.pretty(new Output(rules, report)));
            } else {
                out.println("base      " + baseRules.version() + " (" + base + ")");
                out.println("candidate " + candidateRules.version() + " (" + candidate + ")");
                out.println("fact base " + factBase.version() + "; " + inputs.size() + " profile(s) from " + source);
                out.println();
                out.println(rules.toText().stripTrailing());
                out.println();
                ImpactText.lines(report).forEach(out::println);
            }
            out.flush();
            return 0;
        } catch (BadInput e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (DoesNotLoad e) {
            e.problems.forEach(err::println);
            err.flush();
            return 1;
        } catch (StoreUnavailableException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
    }

    /**
     * Per rule, the candidate's scenarios that fire it: for a directory with tests, by running
     * them; for a stored version, as its gate found them; null (coverage unknown) otherwise.
     */
    private Map<String, List<String>> coveredBy(RuleSet candidateRules, FactBase factBase, AuditStore store) {
        if (candidate.startsWith(VERSION_PREFIX)) {
            // The gate ran the candidate's scenarios when it was proposed, and kept who fires what.
            return store == null ? null : store.candidate(candidate).map(RuleSetLifecycle::coveredBy).orElse(null);
        }
        Path dir = Path.of(candidate);
        if (ScenarioFiles.find(dir).isEmpty()) {
            return null;
        }
        return ScenarioReport.run(Knowledge.of(candidateRules, factBase), facts, dir, ScenarioFiles.find(dir)).coveredBy();
    }

    private void checkUsage() throws BadInput {
        if (profiles == null && db == null) {
            throw new BadInput("say which profiles to evaluate: --profiles DIR, or --db URL_OR_PATH for the stored "
                    + "inputs of past advice");
        }
        if (profiles != null && (since != null || spec.commandLine().getParseResult().hasMatchedOption("--limit"))) {
            throw new BadInput("--since and --limit select stored advice (--db); with --profiles every file is evaluated");
        }
        if (limit < 1) {
            throw new BadInput("--limit must be at least 1, not " + limit);
        }
        if (!Files.isDirectory(facts)) {
            throw new BadInput("no fact-base directory at " + facts.toAbsolutePath().normalize()
                    + "; pass --facts DIR (or set ADVISOR_FACTS)");
        }
        if (profiles != null && !Files.isDirectory(profiles)) {
            throw new BadInput("no profiles directory at " + profiles.toAbsolutePath().normalize());
        }
    }

    private static Instant since(String text) throws BadInput {
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadInput("--since " + text + " is not a date (2026-02-04) or an instant (2026-02-04T10:00:00Z)");
            }
        }
    }

    private FactBase loadFacts() throws DoesNotLoad {
        List<FactProblem> problems = new ArrayList<>();
        FactBase loaded = new FactBaseLoader().load(facts, problems);
        if (loaded == null) {
            throw new DoesNotLoad(problems.stream().map(p -> facts.toString().replace('\\', '/') + "/" + p).toList());
        }
        return loaded;
    }

    private AuditStore openStore() throws BadInput {
        if (!db.startsWith("jdbc:") && !Files.isRegularFile(Path.of(db))) {
            throw new BadInput("no audit store at " + Path.of(db).toAbsolutePath().normalize());
        }
        return JdbcAuditStore.open(db, new SimpleMeterRegistry());
    }

    /** A directory compiled from disk, or a version compiled from the files the audit store keeps for it. */
    private static RuleSet ruleSet(String option, String dirOrVersion, AuditStore store) throws BadInput, DoesNotLoad {
        List<RuleProblem> problems = new ArrayList<>();
        RuleSet compiled;
        if (dirOrVersion.startsWith(VERSION_PREFIX)) {
            if (store == null) {
                throw new BadInput(option + " " + dirOrVersion + " is a version: give --db, the audit store that keeps it");
            }
            // Activated versions are stored whole; a candidate not yet activated is kept with its gate result.
            Map<String, String> files = store.ruleSet(dirOrVersion)
                    .or(() -> store.candidate(dirOrVersion).map(c -> RuleSetFiles.versioned(RuleSetLifecycle.filesOf(c))))
                    .orElseThrow(() -> new BadInput(option + ": no rule set " + dirOrVersion + " in the audit store "
                            + store.description() + " (a version is stored when it is proposed, activated or first "
                            + "gives advice)"));
            compiled = new RuleSetCompiler().compile(Path.of("rules"), files, problems);
            if (compiled != null && !compiled.version().equals(dirOrVersion)) {
                throw new DoesNotLoad(List.of("error: " + option + ": the stored rule set " + dirOrVersion
                        + " hashes to " + compiled.version() + ": it was altered"));
            }
        } else {
            Path dir = Path.of(dirOrVersion);
            if (!Files.isDirectory(dir)) {
                throw new BadInput(option + ": no rules directory at " + dir.toAbsolutePath().normalize()
                        + " (give a rules directory or a stored version sha256:…)");
            }
            compiled = new RuleSetCompiler().compile(dir, problems);
        }
        if (compiled == null) {
            List<String> lines = new ArrayList<>();
            lines.add("error: the " + option.substring(2) + " rule set " + dirOrVersion + " does not compile:");
            problems.stream().filter(RuleProblem::isError).forEach(p -> lines.add(p.toString()));
            throw new DoesNotLoad(lines);
        }
        return compiled;
    }

    /** Each *.json file is a profile, each non-blank line of a *.jsonl file one more (labelled file:line). */
    static List<ProfileInput> readProfiles(Path dir) throws BadInput {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile).filter(p -> name(p).endsWith(".json") || name(p).endsWith(".jsonl"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInput("cannot list the profiles directory " + dir + ": " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new BadInput("no profiles (*.json or *.jsonl files) in " + dir.toAbsolutePath().normalize());
        }
        List<ProfileInput> inputs = new ArrayList<>();
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInput("cannot read " + file + ": " + e.getMessage());
            }
            if (name(file).endsWith(".json")) {
                inputs.add(new ProfileInput(name(file), text));
                continue;
            }
            List<String> lines = text.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    inputs.add(new ProfileInput(name(file) + ":" + (i + 1), lines.get(i)));
                }
            }
        }
        return inputs;
    }

    private static String name(Path file) {
        return file.getFileName().toString();
    }

    /** A one-line bar on the terminal's stderr, redrawn at most once per percent. */
    private static final class Progress implements ImpactDiff.Progress {
        static final int WORTH_SHOWING = 200;
        private static final int WIDTH = 40;
        private final PrintWriter err;
        private int shownPercent = -1;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(int done, int total) {
            int percent = (int) (100L * done / total);
            if (percent == shownPercent) {
                return;
            }
            shownPercent = percent;
            int filled = WIDTH * percent / 100;
            err.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total);
            err.flush();
        }

        void finish() {
            err.print("\r" + " ".repeat(WIDTH + 30) + "\r");
            err.flush();
        }
    }
}
