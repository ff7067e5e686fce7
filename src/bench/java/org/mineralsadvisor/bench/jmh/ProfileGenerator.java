package org.mineralsadvisor.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mineralsadvisor.facts.CorridorRow;
import org.mineralsadvisor.facts.FactBase;
import org.mineralsadvisor.facts.FactBaseLoader;
import org.mineralsadvisor.facts.Production;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes a valid, deterministic country profile (JSON, data contract) for {@link FactBaseGenerator#HOME}
 * with the first {@code N} minerals of a fact base (ids sorted; with a generated fact base
 * {@code m0001} … {@code mNNNN}). Per mineral: a demand (log-uniform 10 t … 200 kt), domestic
 * production for ~40% of them, 0–200 days of stock, {@code defenceUse} for ~30%, and imports from
 * 2–5 distinct sources (the mineral's producers first, so export controls and chokepoints bite),
 * the top source taking 30–90%. The profile is a member of QUAD, declares the India sample's
 * capabilities, a USD 500 M stockpile budget and {@code max(3, N/10)} corridors (the first one
 * replaces a fact-base corridor of the home country; one in seven is refused or has no resource).
 *
 * <p>From the command line ({@code java -cp target/benchmarks.jar}):
 * {@code org.mineralsadvisor.bench.jmh.ProfileGenerator FACTS_DIR MINERALS OUT.json [SEED]}.
 */
public final class ProfileGenerator {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] CLEARANCES = {"GRANTED", "GRANTED", "PENDING", "PENDING", "GRANTED", "PENDING", "REFUSED"};

    private final FactBase facts;
    private final Random rnd;

    private ProfileGenerator(FactBase facts, long seed) {
        this.facts = facts;
        this.rnd = new Random(seed);
    }

    /** The profile JSON (UTF-8) with {@code minerals} minerals of {@code facts}. */
    public static byte[] generate(FactBase facts, int minerals) {
        return generate(facts, minerals, FactBaseGenerator.DEFAULT_SEED + minerals);
    }

    public static byte[] generate(FactBase facts, int minerals, long seed) {
        try {
            return JSON.writeValueAsBytes(new ProfileGenerator(facts, seed).build(minerals));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode build(int n) {
        String home = FactBaseGenerator.HOME;
        List<String> mineralIds = new ArrayList<>(facts.minerals().keySet());
        Collections.sort(mineralIds);
        if (n > mineralIds.size()) {
            throw new IllegalArgumentException("the fact base has " + mineralIds.size() + " minerals; asked for " + n);
        }
        List<String> countries = new ArrayList<>(facts.countries().keySet());
        Collections.sort(countries);
        countries.remove(home);

        ObjectNode root = JSON.createObjectNode();
        root.put("country", home);
        root.put("asOf", FactBaseGenerator.AS_OF.toString());
        ArrayNode memberships = root.putArray("memberships");
        if (facts.coalitions().containsKey("QUAD")) {
            memberships.add("QUAD");
        }
        ObjectNode caps = root.putObject("capabilities");
        caps.put("semiconductorFabrication", false);
        caps.put("semiconductorAssemblyTest", true);
        caps.put("chipDesign", true);
        caps.put("exportControlRegime", "PARTIAL");
        caps.put("investmentScreening", true);
        caps.put("esgStandards", false);
        root.put("stockpileBudgetUsd", 500_000_000);

        ArrayNode minerals = root.putArray("minerals");
        for (String id : mineralIds.subList(0, n)) {
            ObjectNode m = minerals.addObject();
            m.put("mineral", id);
            double demand = round(Math.exp(Math.log(10) + rnd.nextDouble() * (Math.log(200_000) - Math.log(10))));
            m.put("annualDemandTonnes", demand);
            double domestic = rnd.nextDouble() < 0.4 ? round(demand * rnd.nextDouble() * 0.6) : 0;
            m.put("domesticProductionTonnes", domestic);
            m.put("stockTonnes", round(demand * rnd.nextInt(201) / 365.0));
            m.put("defenceUse", rnd.nextDouble() < 0.3);
            imports(m.putArray("imports"), id, demand - domestic, countries, home);
        }

        ArrayNode corridors = root.putArray("corridors");
        int count = Math.max(3, n / 10);
        String replaced = facts.corridors().stream().filter(c -> c.country().equals(home)).map(CorridorRow::id)
                .sorted().findFirst().orElse(null);
        for (int k = 1; k <= count; k++) {
            ObjectNode c = corridors.addObject();
            String id = k == 1 && replaced != null ? replaced : String.format("%s_PROFILE_C%03d", home, k);
            c.put("id", id);
            c.put("name", "Generated profile corridor " + k);
            c.put("region", "Region " + (k % 7));
            c.put("resourceTonnesReo", k % 11 == 5 ? 0 : new double[]{20_000, 150_000, 600_000, 1_500_000}[rnd.nextInt(4)]);
            c.put("separationCapacityTpa", new double[]{0, 500, 1500, 5000, 8000}[rnd.nextInt(5)]);
            c.put("portDistanceKm", new double[]{10, 45, 90, 160, 280, 350}[rnd.nextInt(6)]);
            c.put("powerAvailable", rnd.nextDouble() < 0.7);
            c.put("magnetPlantLinked", rnd.nextDouble() < 0.35);
            c.put("clearance", CLEARANCES[rnd.nextInt(CLEARANCES.length)]);
        }
        return root;
    }

    /** 2–5 sources: the mineral's producers first, then any country; the top one 30–90%. */
    private void imports(ArrayNode out, String mineral, double need, List<String> countries, String home) {
        int sources = 2 + rnd.nextInt(4);
        Set<String> chosen = new LinkedHashSet<>();
        List<String> producers = new ArrayList<>();
        for (Production p : facts.production(mineral)) {
            if (!p.country().equals(home) && !producers.contains(p.country())) {
                producers.add(p.country());
            }
        }
        for (String p : producers) {
            if (chosen.size() < sources && rnd.nextDouble() < 0.7) {
                chosen.add(p);
            }
        }
        while (chosen.size() < sources) {
            chosen.add(countries.get(rnd.nextInt(countries.size())));
        }
        double total = Math.max(1, need * (0.8 + rnd.nextDouble() * 0.3));
        double topShare = 0.3 + rnd.nextDouble() * 0.6;
        double[] weights = new double[sources - 1];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 0.2 + rnd.nextDouble();
            sum += weights[k];
        }
        int k = 0;
        for (String from : chosen) {
            double share = k == 0 ? topShare : (1 - topShare) * weights[k - 1] / sum;
            ObjectNode row = out.addObject();
            row.put("from", from);
            row.put("tonnes", round(total * share));
            k++;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ProfileGenerator FACTS_DIR MINERALS OUT.json [SEED]");
            System.exit(2);
        }
        FactBase facts = new FactBaseLoader().load(Path.of(args[0]));
        int n = Integer.parseInt(args[1]);
        byte[] json = args.length > 3 ? generate(facts, n, Long.parseLong(args[3])) : generate(facts, n);
        Files.write(Path.of(args[2]), json);
        System.err.println("wrote a profile of " + n + " minerals to " + args[2] + " (" + json.length + " bytes)");
    }
}
