package org.mineralsadvisor.facts;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loaded, validated fact base. Immutable after load, so one instance serves every
 * evaluation; lookups by id and per-mineral lists are built once here.
 */
public final class FactBase {
    private final Path directory;
    private final String version;
    private final Map<String, String> sources;
    private final Instant loadedAt;
    private final Map<String, Country> countries;
    private final Map<String, Mineral> minerals;
    private final List<Production> production;
    private final List<ExportControl> exportControls;
    private final Map<String, Coalition> coalitions;
    private final List<CoalitionMember> members;
    private final List<CorridorRow> corridors;
    private final Map<String, List<Production>> productionByMineral;
    private final Map<String, List<ExportControl>> controlsByMineral;
    /** Values derived from single rows, kept as long as the rows (see {@link #derived}). */
    private final ConcurrentHashMap<Object, Object> derivedByRow = new ConcurrentHashMap<>();

    FactBase(Path directory, String version, Map<String, String> sources, List<Country> countries, List<Mineral> minerals,
             List<Production> production, List<ExportControl> exportControls, List<Coalition> coalitions,
             List<CoalitionMember> members, List<CorridorRow> corridors) {
        this.directory = directory;
        this.version = version;
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        this.loadedAt = Instant.now();
        this.countries = index(countries, Country::iso3);
        this.minerals = index(minerals, Mineral::id);
        this.production = List.copyOf(production);
        this.exportControls = List.copyOf(exportControls);
        this.coalitions = index(coalitions, Coalition::id);
        this.members = List.copyOf(members);
        this.corridors = List.copyOf(corridors);
        this.productionByMineral = group(production, Production::mineral);
        this.controlsByMineral = group(exportControls, ExportControl::mineral);
    }

    /**
     * A value derived from one of this fact base's rows, made once and then shared by every
     * evaluation: rows are immutable and live exactly as long as the fact base, so what is
     * derived from them (the trace's written form of a row) need not be made again per advice.
     * Rows of one fact base differ at least in file and line, so they are safe keys.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object row, java.util.function.Function<Object, T> make) {
        Object value = derivedByRow.get(row);
        if (value == null) {
            value = derivedByRow.computeIfAbsent(row, make);
        }
        return (T) value;
    }

    private static <T> Map<String, T> index(List<T> rows, java.util.function.Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        rows.forEach(r -> map.putIfAbsent(key.apply(r), r));
        return Collections.unmodifiableMap(map);
    }

    private static <T> Map<String, List<T>> group(List<T> rows, java.util.function.Function<T, String> key) {
        Map<String, List<T>> map = new LinkedHashMap<>();
        rows.forEach(r -> map.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
        map.replaceAll((k, v) -> List.copyOf(v));
        return Collections.unmodifiableMap(map);
    }

    public Path directory() {
        return directory;
    }

    /** {@code sha256:<hex>} of the CSV files' contents, files sorted by name. */
    public String version() {
        return version;
    }

    /** The CSV file names, sorted. */
    public List<String> files() {
        return List.copyOf(sources.keySet());
    }

    /** Each CSV file's content (name → text), as loaded: what the version hashes. */
    public Map<String, String> sources() {
        return sources;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public Map<String, Country> countries() {
        return countries;
    }

    public Map<String, Mineral> minerals() {
        return minerals;
    }

    public List<Production> production() {
        return production;
    }

    public List<Production> production(String mineral) {
        return productionByMineral.getOrDefault(mineral, List.of());
    }

    public List<ExportControl> exportControls() {
        return exportControls;
    }

    public List<ExportControl> exportControls(String mineral) {
        return controlsByMineral.getOrDefault(mineral, List.of());
    }

    public Map<String, Coalition> coalitions() {
        return coalitions;
    }

    public List<CoalitionMember> members() {
        return members;
    }

    public List<CorridorRow> corridors() {
        return corridors;
    }
}
