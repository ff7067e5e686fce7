package org.mineralsadvisor.profile;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A profile that passed every check, into the model, with the contract's defaults applied. */
final class ProfileReader {
    private ProfileReader() {
    }

    static CountryProfile read(JsonNode root) {
        List<String> memberships = new ArrayList<>();
        root.path("memberships").forEach(m -> memberships.add(m.asText()));
        JsonNode budget = root.get("stockpileBudgetUsd");
        List<CountryProfile.MineralInput> minerals = new ArrayList<>();
        root.path("minerals").forEach(m -> minerals.add(mineral(m)));
        List<CountryProfile.CorridorInput> corridors = new ArrayList<>();
        root.path("corridors").forEach(c -> corridors.add(corridor(c)));
        return new CountryProfile(root.get("country").asText(), LocalDate.parse(root.get("asOf").asText()), memberships,
                capabilities(root.path("capabilities")), budget == null ? null : budget.doubleValue(), minerals,
                corridors);
    }

    private static CountryProfile.CapabilitiesInput capabilities(JsonNode node) {
        Set<String> given = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(given::add);
        return new CountryProfile.CapabilitiesInput(node.path("semiconductorFabrication").asBoolean(false),
                node.path("semiconductorAssemblyTest").asBoolean(false), node.path("chipDesign").asBoolean(false),
                node.path("exportControlRegime").asText("NONE"), node.path("investmentScreening").asBoolean(false),
                node.path("esgStandards").asBoolean(false), Set.copyOf(given));
    }

    private static CountryProfile.MineralInput mineral(JsonNode node) {
        Set<String> given = new LinkedHashSet<>();
        for (String optional : List.of("domesticProductionTonnes", "stockTonnes", "defenceUse", "imports")) {
            if (node.has(optional)) {
                given.add(optional);
            }
        }
        List<CountryProfile.ImportInput> imports = new ArrayList<>();
        node.path("imports").forEach(row -> imports.add(
                new CountryProfile.ImportInput(row.get("from").asText(), row.get("tonnes").doubleValue())));
        return new CountryProfile.MineralInput(node.get("mineral").asText(), node.get("annualDemandTonnes").doubleValue(),
                node.path("domesticProductionTonnes").asDouble(0), node.path("stockTonnes").asDouble(0),
                node.path("defenceUse").asBoolean(false), imports, Set.copyOf(given));
    }

    private static CountryProfile.CorridorInput corridor(JsonNode node) {
        return new CountryProfile.CorridorInput(node.get("id").asText(), textOrNull(node.get("name")),
                textOrNull(node.get("region")), node.get("resourceTonnesReo").doubleValue(),
                node.get("separationCapacityTpa").doubleValue(), node.get("portDistanceKm").doubleValue(),
                node.get("powerAvailable").asBoolean(), node.get("magnetPlantLinked").asBoolean(),
                node.get("clearance").asText());
    }

    private static String textOrNull(JsonNode node) {
        return node == null ? null : node.asText();
    }
}
