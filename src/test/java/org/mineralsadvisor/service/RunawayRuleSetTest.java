package org.mineralsadvisor.service;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.auth.Caller;
import org.mineralsadvisor.evaluation.EvaluationLimitException;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.rules.RuleSetCompiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rule set that re-fires itself forever costs each request its firing limit, not the service. */
class RunawayRuleSetTest {
    @TempDir
    Path dir;

    @Test
    void every_request_is_stopped_by_the_firing_limit_and_the_one_worker_is_given_back() throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.copy(Path.of("rules/policies.yaml"), rules.resolve("policies.yaml"));
        Files.writeString(rules.resolve("echo.drl"), "package minerals.advisor;\nimport org.mineralsadvisor.model.*;\n"
                + Files.readString(Path.of("src/test/resources/runaway/echo.drl")));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Knowledge knowledge = Knowledge.of(new RuleSetCompiler().compile(rules), new FactBaseLoader().load(Path.of("facts")));
        try (JdbcAuditStore store = JdbcAuditStore.open(dir.resolve("a.db").toString(), metrics)) {
            AdvisoryService service = new AdvisoryService(knowledge, store,
                    new Advisor(Clock.systemUTC(), 2_000, Duration.ofSeconds(30)), 1, 1000, metrics);
            byte[] india = Files.readAllBytes(Path.of("samples/india.json"));
            for (int request = 0; request < 3; request++) {
                assertThatThrownBy(() -> service.advise(india, Caller.LOCAL))
                        .isInstanceOf(EvaluationLimitException.class)
                        .hasMessageContaining("without finishing (limit 2000): a rule probably re-activates itself");
            }
            assertThat(metrics.scrape()).contains("advisor_evaluations_total{outcome=\"firing_limit\"} 3.0");
        }
    }
}
