package org.mineralsadvisor.http;

import org.mineralsadvisor.warnings.Freshness;

import io.javalin.http.Context;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.rules.PolicyCatalogue;
import org.mineralsadvisor.rules.RuleInfo;
import org.mineralsadvisor.rules.RuleSet;
import org.mineralsadvisor.service.AdvisoryService;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** GET /v1/rulesets/active, GET /v1/factbase/active and GET /v1/catalogue: what the service advises with. */
final class KnowledgeHandler {
    private final AdvisoryService service;

    KnowledgeHandler(AdvisoryService service) {
        this.service = service;
    }

    void ruleSet(Context ctx) {
        RuleSet rules = service.knowledge().rules();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", rules.version());
        body.put("directory", rules.directory().toString());
        body.put("loadedAt", rules.loadedAt().toString());
        body.put("files", rules.files());
        List<Map<String, Object>> list = new ArrayList<>();
        for (RuleInfo rule : rules.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rule.name());
            r.put("policyId", rule.policyId());
            r.put("file", rule.file());
            r.put("line", rule.line());
            r.put("explanation", rule.explanation());
            list.add(r);
        }
        body.put("rules", list);
        List<Map<String, Object>> policies = new ArrayList<>();
        for (PolicyCatalogue.Policy p : rules.catalogue().policies().values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", p.id());
            entry.put("title", p.title());
            entry.put("section", p.section());
            entry.put("rules", rules.rules().stream().filter(r -> p.id().equals(r.policyId())).map(RuleInfo::name).toList());
            policies.add(entry);
        }
        body.put("policies", policies);
        Responses.json(ctx, body);
    }

    void factBase(Context ctx) {
        FactBase facts = service.knowledge().facts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", facts.version());
        body.put("directory", facts.directory().toString());
        body.put("loadedAt", facts.loadedAt().toString());
        body.put("files", facts.files());
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("countries", facts.countries().size());
        rows.put("minerals", facts.minerals().size());
        rows.put("production", facts.production().size());
        rows.put("exportControls", facts.exportControls().size());
        rows.put("coalitions", facts.coalitions().size());
        rows.put("coalitionMembers", facts.members().size());
        rows.put("corridors", facts.corridors().size());
        body.put("rows", rows);
        // What a maintainer needs to keep it current (handbook section 8): never a readiness failure.
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        body.put("today", today.toString());
        body.put("oldestRows", Freshness.oldestRows(facts,
                org.mineralsadvisor.warnings.MaxAges.of(service.knowledge().rules().catalogue()), today));
        body.put("lapsedSuspensions", Freshness.lapsedSuspensions(facts, today));
        Responses.json(ctx, body);
    }

    /**
     * The ids a profile may name, with their names: what a form offers and what a reader sees
     * instead of a bare ISO code. From the active fact base, so another deployment's ids appear.
     */
    void catalogue(Context ctx) {
        FactBase facts = service.knowledge().facts();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("factBase", facts.version());
        body.put("countries", facts.countries().values().stream()
                .map(c -> named(c.iso3(), c.name())).toList());
        body.put("minerals", facts.minerals().values().stream()
                .map(m -> named(m.id(), m.name())).toList());
        body.put("coalitions", facts.coalitions().values().stream()
                .map(c -> named(c.id(), c.name())).toList());
        Responses.json(ctx, body);
    }

    private static Map<String, String> named(String id, String name) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("name", name);
        return entry;
    }
}
