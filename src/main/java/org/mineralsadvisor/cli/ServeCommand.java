package org.mineralsadvisor.cli;

import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.app.StartupException;
import org.mineralsadvisor.config.InvalidSettingsException;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code advisor serve}: the HTTP service. Its options are generated from {@link Setting}, so
 * the flag, the environment variable, the config-file key and the default stay in one place.
 */
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--config", paramLabel = "FILE",
            description = "YAML file of settings (keys as listed for each option). Environment: ADVISOR_CONFIG.")
    Path config;

    static CommandLine command() {
        CommandLine cli = new CommandLine(new ServeCommand());
        CommandSpec spec = cli.getCommandSpec();
        spec.name("serve");
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().header("Serves the HTTP API.");
        spec.usageMessage().description(
                "Routes: POST /v1/advice, /v1/advice/timeline; GET /v1/advice/{id}, /v1/scenarios; "
                        + "POST /v1/advice/{id}/replay; GET /v1/audit/advice, /v1/audit/advice/{id}/export, "
                        + "/v1/audit/verify, /v1/audit/checkpoint, /v1/audit/checkpoints, /v1/audit/key, /v1/audit/keys, "
                        + "/v1/audit/consistency; POST /v1/audit/checkpoint, /v1/audit/keys; GET /v1/rulesets, /v1/rulesets/active, "
                        + "/v1/rulesets/candidates, /v1/rulesets/{version}; POST /v1/rulesets, "
                        + "/v1/rulesets/{version}/approve, /v1/rulesets/{version}/activate; GET /v1/factbase/active, "
                        + "/healthz, /readyz, /metrics, /openapi.json (the API and its roles: /openapi.json).",
                "Every setting can come from a flag, an ADVISOR_* environment variable or the config file; "
                        + "a flag wins over the environment, which wins over the file.");
        for (Setting s : Setting.values()) {
            spec.addOption(OptionSpec.builder(s.flag())
                    .paramLabel(s.key().toUpperCase())
                    .type(String.class)
                    // A setting whose default depends on others says so in its description.
                    .description(s.description() + (s.description().contains("Default:") ? ""
                            : " Default: " + (s.defaultValue().isEmpty() ? "(none)" : s.defaultValue()) + ".")
                            + " Environment: " + s.env() + ". Config key: " + s.key() + ".")
                    .build());
        }
        return cli;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            String value = spec.findOption(s.flag()).getValue();
            if (value != null) {
                flags.put(s, value);
            }
        }
        Path configFile = config != null ? config
                : System.getenv("ADVISOR_CONFIG") == null ? null : Path.of(System.getenv("ADVISOR_CONFIG"));
        Application app;
        try {
            Settings settings = Settings.resolve(flags, System.getenv(), configFile);
            if (!KnowledgeDirectories.usable(settings.path(Setting.RULES), settings.path(Setting.FACTS), err)) {
                err.println("error: the service did not start");
                return 1;
            }
            app = Application.start(settings);
        } catch (InvalidSettingsException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (StartupException e) {
            e.lines().forEach(err::println);
            err.println("error: the service did not start");
            return e.exitCode();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
