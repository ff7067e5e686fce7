package org.mineralsadvisor.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mineralsadvisor.audit.AuditRecord;
import org.mineralsadvisor.audit.AuditStore;
import org.mineralsadvisor.audit.ChainStatus;
import org.mineralsadvisor.audit.JdbcAuditStore;
import org.mineralsadvisor.audit.StoreUnavailableException;
import org.mineralsadvisor.audit.StoredRecord;
import org.mineralsadvisor.auth.ApiKeys;
import org.mineralsadvisor.advice.Advisor;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.rules.RuleSetCompiler;
import org.mineralsadvisor.service.AdvisoryService;
import org.mineralsadvisor.service.Knowledge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A failed audit write means an error answer, never an advice that was given but not recorded. */
class FailClosedTest {
    @TempDir
    Path dir;

    /** The real store, with writes that fail while {@code broken} is set. */
    static final class BreakableStore implements AuditStore {
        final AuditStore delegate;
        final AtomicBoolean broken = new AtomicBoolean();

        BreakableStore(AuditStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public long append(AuditRecord record) {
            if (broken.get()) {
                throw new StoreUnavailableException("disk full (simulated)", null);
            }
            return delegate.append(record);
        }

        @Override
        public Optional<StoredRecord> find(String id) {
            return delegate.find(id);
        }

        @Override
        public void storeRuleSet(String version, Map<String, String> files) {
            delegate.storeRuleSet(version, files);
        }

        @Override
        public void storeFactBase(String version, Map<String, String> files) {
            delegate.storeFactBase(version, files);
        }

        @Override
        public Optional<Map<String, String>> ruleSet(String version) {
            return delegate.ruleSet(version);
        }

        @Override
        public Optional<Map<String, String>> factBase(String version) {
            return delegate.factBase(version);
        }

        @Override
        public ChainStatus verify() {
            return delegate.verify();
        }

        @Override
        public ChainStatus verifyAfter(long fromSeq, String fromHash) {
            return delegate.verifyAfter(fromSeq, fromHash);
        }

        @Override
        public org.mineralsadvisor.audit.AuditSearchPage search(org.mineralsadvisor.audit.AuditQuery query) {
            return delegate.search(query);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.StoredInput> recentInputs(java.time.Instant since, int limit) {
            return delegate.recentInputs(since, limit);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.ChainLink> linksAfter(long seq, int limit) {
            return delegate.linksAfter(seq, limit);
        }

        @Override
        public org.mineralsadvisor.audit.ChainLink head() {
            return delegate.head();
        }

        @Override
        public boolean writable() {
            return !broken.get() && delegate.writable();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public void close() {
            delegate.close();
        }

        @Override
        public String logId() {
            return delegate.logId();
        }

        @Override
        public long appendKey(org.mineralsadvisor.audit.KeyRequest request) {
            return delegate.appendKey(request);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.KeyRecord> keys() {
            return delegate.keys();
        }

        @Override
        public void saveCheckpoint(org.mineralsadvisor.audit.Checkpoint checkpoint) {
            delegate.saveCheckpoint(checkpoint);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.Checkpoint> checkpoints(Long beforeSeq, String beforeTime,
                                                                               int limit) {
            return delegate.checkpoints(beforeSeq, beforeTime, limit);
        }

        @Override
        public Optional<String> hashAt(long seq) {
            return delegate.hashAt(seq);
        }

        @Override
        public Optional<String> idAt(long seq) {
            return delegate.idAt(seq);
        }

        @Override
        public long appendActivation(org.mineralsadvisor.audit.ActivationRequest request) {
            return delegate.appendActivation(request);
        }

        @Override
        public Optional<org.mineralsadvisor.audit.Activation> latestActivation() {
            return delegate.latestActivation();
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.Activation> activations() {
            return delegate.activations();
        }

        @Override
        public Optional<org.mineralsadvisor.audit.Activation> activation(String id) {
            return delegate.activation(id);
        }

        @Override
        public void saveCandidate(org.mineralsadvisor.audit.Candidate candidate) {
            delegate.saveCandidate(candidate);
        }

        @Override
        public Optional<org.mineralsadvisor.audit.Candidate> candidate(String version) {
            return delegate.candidate(version);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.Candidate> candidates() {
            return delegate.candidates();
        }

        @Override
        public boolean addApproval(org.mineralsadvisor.audit.Approval approval) {
            return delegate.addApproval(approval);
        }

        @Override
        public java.util.List<org.mineralsadvisor.audit.Approval> approvals(String version) {
            return delegate.approvals(version);
        }
    }

    @Test
    void a_failed_audit_write_is_503_and_the_advice_is_not_given() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BreakableStore store = new BreakableStore(JdbcAuditStore.open(dir.resolve("a.db").toString(), metrics));
        Knowledge knowledge = Knowledge.of(new RuleSetCompiler().compile(Path.of("rules")),
                new FactBaseLoader().load(Path.of("facts")));
        AdvisoryService service = new AdvisoryService(knowledge, store, new Advisor(), 2, 1000, metrics);
        var lifecycle = new org.mineralsadvisor.authoring.RuleSetLifecycle(store, knowledge.facts(), Path.of("facts"), 1,
                true, java.time.Clock.systemUTC());
        lifecycle.attach(() -> service.knowledge().rules(), service::activate);
        AdvisorServer server = new AdvisorServer(service, lifecycle, new org.mineralsadvisor.replay.Replayer(
                new org.mineralsadvisor.advice.Advisor()), ApiKeys.parse(""), metrics, 1 << 20, 32).start("127.0.0.1", 0);
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpRequest post = HttpRequest.newBuilder(URI.create(base + "/v1/advice"))
                    .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/india.json"))).build();
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);

            store.broken.set(true);
            HttpResponse<String> failed = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(failed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(failed.body()).doesNotContain("recommendations").contains("could not be recorded");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
            assertThat(metrics.scrape()).contains("advisor_evaluations_total{outcome=\"unrecorded\"} 1.0");

            store.broken.set(false);
            assertThat(http.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
            ChainStatus chain = store.verify();
            assertThat(chain.valid()).isTrue();
            assertThat(chain.records()).isEqualTo(2);
        } finally {
            server.stop(1000);
            store.close();
        }
    }
}
