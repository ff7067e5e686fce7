package org.mineralsadvisor.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes a valid, deterministic (fixed seed) fact base of the data contract's seven CSV files
 * with {@code N} generated minerals ({@code m0001} … {@code mNNNN}):
 *
 * <ul>
 *   <li>{@code countries.csv}: 62 real ISO3 codes;</li>
 *   <li>{@code minerals.csv}: N minerals, ~30% defence-critical, ~20% semiconductor inputs,
 *       ~80% with a price;</li>
 *   <li>{@code production.csv}: per mineral a mining and a refining row set of 3–8 producers,
 *       shares summing to at most 1 (floored to 0.001), a dominant producer (55–90%) in about
 *       two thirds of them, the home country ({@link #HOME}) a small producer now and then;</li>
 *   <li>{@code export_controls.csv}: about 30% of the minerals, imposed by their dominant
 *       producer, in force on the profile's {@code asOf};</li>
 *   <li>{@code coalitions.csv} / {@code coalition_members.csv}: PAX_SILICA, MSP and QUAD with
 *       members ({@link #HOME} only in QUAD and MSP);</li>
 *   <li>{@code corridors.csv}: four corridors of {@link #HOME} and two abroad.</li>
 * </ul>
 *
 * Every row carries {@code source=generated} and an {@code as_of}. The same {@code (minerals, seed)}
 * always gives byte-identical files.
 *
 * <p>From the command line ({@code java -cp target/benchmarks.jar}):
 * {@code org.mineralsadvisor.bench.jmh.FactBaseGenerator DIR [MINERALS=500] [SEED]}.
 */
public final class FactBaseGenerator {
    /** The country the generated profiles are written for. */
    public static final String HOME = "IND";
    public static final long DEFAULT_SEED = 20260204L;
    /** Every generated date is before this profile date. */
    public static final LocalDate AS_OF = LocalDate.of(2026, 2, 4);

    static final List<String> COUNTRIES = List.of(
            "ARE", "ARG", "AUS", "BEL", "BOL", "BRA", "CAN", "CHE", "CHL", "CHN", "COD", "COL", "CZE", "DEU",
            "DNK", "EGY", "ESP", "EST", "FIN", "FRA", "GAB", "GBR", "GHA", "GRC", "IDN", "IND", "ISR", "ITA",
            "JPN", "KAZ", "KOR", "LAO", "MAR", "MDG", "MEX", "MMR", "MNG", "MOZ", "MYS", "NAM", "NGA", "NLD",
            "NOR", "NZL", "PER", "PHL", "POL", "PRT", "RUS", "RWA", "SAU", "SGP", "SWE", "THA", "TJK", "TUR",
            "UKR", "USA", "VNM", "ZAF", "ZMB", "ZWE");

    /** Likely dominant producers, CHN (non-aligned) most often: chokepoints and export controls. */
    private static final List<String> DOMINANT = List.of("CHN", "CHN", "CHN", "CHN", "COD", "AUS", "CHL", "IDN",
            "RUS", "ZAF", "BRA", "MMR", "USA", "KAZ");
    private static final List<String> GROUPS = List.of("RARE_EARTH", "BATTERY", "SEMICONDUCTOR", "BASE_METAL",
            "PGM", "ALLOY");
    private static final List<String> MEASURES = List.of("LICENSING", "BAN", "QUOTA");

    static final Map<String, List<String>> COALITION_MEMBERS = new LinkedHashMap<>();

    static {
        COALITION_MEMBERS.put("PAX_SILICA", List.of("USA", "JPN", "KOR", "SGP", "NLD", "GBR", "ISR", "AUS", "ARE", "GRC"));
        COALITION_MEMBERS.put("MSP", List.of("USA", "AUS", "CAN", "FIN", "FRA", "DEU", "IND", "ITA", "JPN", "KOR",
                "NOR", "SWE", "GBR", "EST", "ARG", "POL"));
        COALITION_MEMBERS.put("QUAD", List.of("AUS", "IND", "JPN", "USA"));
    }

    private final Random rnd;

    private FactBaseGenerator(long seed) {
        this.rnd = new Random(seed);
    }

    /** Writes the seven files for {@code minerals} minerals into {@code dir} (created if needed). */
    public static void write(Path dir, int minerals) {
        write(dir, minerals, DEFAULT_SEED);
    }

    public static void write(Path dir, int minerals, long seed) {
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : generate(minerals, seed).entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seven files (name → content) for {@code minerals} minerals. */
    public static Map<String, String> generate(int minerals, long seed) {
        if (minerals < 1 || minerals > 9999) {
            throw new IllegalArgumentException("minerals must be 1..9999, got " + minerals);
        }
        return new FactBaseGenerator(seed).build(minerals);
    }

    public static String mineralId(int i) {
        return String.format("m%04d", i);
    }

    private Map<String, String> build(int n) {
        Map<String, String> files = new LinkedHashMap<>();

        StringBuilder countries = new StringBuilder("iso3,name,source,as_of\n");
        for (String c : COUNTRIES) {
            countries.append(c).append(",Country ").append(c).append(",generated,2026\n");
        }
        files.put("countries.csv", countries.toString());

        StringBuilder minerals = new StringBuilder(
                "id,name,group,defence_critical,semiconductor_input,price_usd_per_tonne,source,as_of\n");
        StringBuilder production = new StringBuilder("mineral,stage,country,share,source,as_of\n");
        StringBuilder controls = new StringBuilder(
                "mineral,imposed_by,measure,in_force_from,in_force_until,applies_to,source,as_of\n");
        for (int i = 1; i <= n; i++) {
            String id = mineralId(i);
            String price = chance(0.8) ? num(Math.round(Math.exp(7 + rnd.nextDouble() * 7))) : "";
            minerals.append(id).append(",Generated mineral ").append(i).append(',').append(pick(GROUPS)).append(',')
                    .append(chance(0.3)).append(',').append(chance(0.2)).append(',').append(price)
                    .append(",generated,2025-12-31\n");
            String dominantMining = null;
            for (String stage : List.of("mining", "refining")) {
                String top = productionRows(production, id, stage);
                if (dominantMining == null) {
                    dominantMining = top;
                }
            }
            if (chance(0.3)) {
                exportControl(controls, id, dominantMining);
            }
        }
        files.put("minerals.csv", minerals.toString());
        files.put("production.csv", production.toString());
        files.put("export_controls.csv", controls.toString());

        StringBuilder coalitions = new StringBuilder("id,name,focus,source,as_of\n");
        coalitions.append("PAX_SILICA,Pax Silica,semiconductor and AI supply chains,generated,2026\n");
        coalitions.append("MSP,Minerals Security Partnership,responsible critical-minerals supply chains,generated,2026\n");
        coalitions.append("QUAD,Quadrilateral Security Dialogue,Indo-Pacific partnership,generated,2026\n");
        files.put("coalitions.csv", coalitions.toString());
        StringBuilder members = new StringBuilder("coalition,country,joined,source,as_of\n");
        for (Map.Entry<String, List<String>> k : COALITION_MEMBERS.entrySet()) {
            for (String c : new LinkedHashSet<>(k.getValue())) {
                LocalDate joined = AS_OF.minusDays(30 + rnd.nextInt(1500));
                members.append(k.getKey()).append(',').append(c).append(',').append(joined).append(",generated,2026\n");
            }
        }
        files.put("coalition_members.csv", members.toString());

        StringBuilder corridors = new StringBuilder("id,country,name,region,resource_tonnes_reo,separation_capacity_tpa,"
                + "port_distance_km,power_available,magnet_plant_linked,clearance,source,as_of\n");
        String[] homeClearance = {"GRANTED", "GRANTED", "PENDING", "REFUSED"};
        for (int k = 1; k <= 4; k++) {
            corridor(corridors, HOME + "_GEN_C0" + k, HOME, homeClearance[k - 1]);
        }
        corridor(corridors, "AUS_GEN_C01", "AUS", "GRANTED");
        corridor(corridors, "USA_GEN_C01", "USA", "PENDING");
        files.put("corridors.csv", corridors.toString());
        return files;
    }

    /** Writes one mineral's rows for one stage; returns the top producer. */
    private String productionRows(StringBuilder out, String mineral, String stage) {
        int producers = 3 + rnd.nextInt(6);
        List<String> pool = new ArrayList<>(COUNTRIES);
        pool.remove(HOME);
        Collections.shuffle(pool, rnd);
        List<String> chosen = new ArrayList<>(pool.subList(0, producers));
        String top;
        double topShare;
        if (chance(0.65)) {
            top = pick(DOMINANT);
            topShare = 0.55 + rnd.nextDouble() * 0.35;
        } else {
            top = chosen.get(0);
            topShare = 0.2 + rnd.nextDouble() * 0.3;
        }
        chosen.remove(top);
        chosen.add(0, top);
        if (chance(0.25)) {
            chosen.add(HOME); // the home country as a minor producer: world shares ≥ 1% or ≥ 5%
        }
        while (chosen.size() > producers) {
            chosen.remove(chosen.size() - 2);
        }
        // The rest share what is left, scaled to 60–97% of it, by random weights.
        double rest = (1.0 - topShare) * (0.6 + rnd.nextDouble() * 0.37);
        double[] weights = new double[chosen.size() - 1];
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = 0.2 + rnd.nextDouble();
            sum += weights[k];
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int k = 0; k < chosen.size(); k++) {
            double share = k == 0 ? topShare : rest * weights[k - 1] / sum;
            BigDecimal floored = BigDecimal.valueOf(share).setScale(3, RoundingMode.FLOOR);
            if (total.add(floored).compareTo(BigDecimal.ONE) > 0) {
                break;
            }
            total = total.add(floored);
            out.append(mineral).append(',').append(stage).append(',').append(chosen.get(k)).append(',')
                    .append(floored.stripTrailingZeros().toPlainString()).append(",generated,2024\n");
        }
        return top;
    }

    private void exportControl(StringBuilder out, String mineral, String imposedBy) {
        LocalDate from = AS_OF.minusDays(60 + rnd.nextInt(900));
        String until = chance(0.3) ? AS_OF.plusDays(200 + rnd.nextInt(600)).toString() : "";
        String applies;
        if (chance(0.6)) {
            applies = "ALL";
        } else {
            Set<String> list = new LinkedHashSet<>();
            list.add(HOME);
            list.add(pick(List.of("USA", "JPN", "KOR", "DEU")));
            list.remove(imposedBy);
            applies = String.join(";", list);
        }
        out.append(mineral).append(',').append(imposedBy).append(',').append(pick(MEASURES)).append(',').append(from)
                .append(',').append(until).append(',').append(applies).append(",generated,2025\n");
    }

    private void corridor(StringBuilder out, String id, String country, String clearance) {
        double resource = new double[]{50_000, 250_000, 800_000, 2_000_000}[rnd.nextInt(4)];
        double capacity = new double[]{0, 800, 2500, 6000}[rnd.nextInt(4)];
        double port = new double[]{15, 40, 120, 260, 400}[rnd.nextInt(5)];
        out.append(id).append(',').append(country).append(",Generated corridor ").append(id).append(",Region ")
                .append(id.substring(id.length() - 1)).append(',').append(num(resource)).append(',')
                .append(num(capacity)).append(',').append(num(port)).append(',').append(chance(0.7)).append(',')
                .append(chance(0.4)).append(',').append(clearance).append(",generated,2026-02-01\n");
    }

    private boolean chance(double p) {
        return rnd.nextDouble() < p;
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: FactBaseGenerator DIR [MINERALS=500] [SEED=" + DEFAULT_SEED + "]");
            System.exit(2);
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
        write(Path.of(args[0]), n, seed);
        System.err.println("wrote a fact base of " + n + " minerals to " + args[0]);
    }
}
