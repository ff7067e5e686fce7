package org.mineralsadvisor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The resolved service settings: flag > {@code ADVISOR_*} environment > config file > default. */
public final class Settings {
    private final Map<Setting, String> values;
    private final Map<Setting, String> origins;

    private Settings(Map<Setting, String> values, Map<Setting, String> origins) {
        this.values = values;
        this.origins = origins;
    }

    /**
     * @param flags      values given on the command line (absent settings are not in the map)
     * @param env        the process environment
     * @param configFile a YAML file of {@code key: value} pairs, or null
     */
    public static Settings resolve(Map<Setting, String> flags, Map<String, String> env, Path configFile) {
        Map<Setting, String> file = configFile == null ? Map.of() : readConfig(configFile);
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Map<Setting, String> origins = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (flags.get(s) != null) {
                values.put(s, flags.get(s));
                origins.put(s, "flag " + s.flag());
            } else if (env.get(s.env()) != null && !env.get(s.env()).isEmpty()) {
                values.put(s, env.get(s.env()));
                origins.put(s, "environment " + s.env());
            } else if (file.containsKey(s)) {
                values.put(s, file.get(s));
                origins.put(s, "config file key " + s.key());
            } else {
                values.put(s, s.defaultValue());
                origins.put(s, "default");
            }
        }
        Settings settings = new Settings(values, origins);
        settings.validate();
        return settings;
    }

    private static Map<Setting, String> readConfig(Path configFile) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(configFile.toFile());
        } catch (IOException e) {
            throw new InvalidSettingsException(configFile + ": not a readable YAML file: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        if (root == null || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            throw new InvalidSettingsException(configFile + ": expected a map of setting keys to values");
        }
        Map<String, Setting> byKey = Stream.of(Setting.values()).collect(Collectors.toMap(Setting::key, s -> s));
        List<String> unknown = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Setting setting = byKey.get(field.getKey());
            if (setting == null) {
                unknown.add(field.getKey());
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(v -> items.add(v.asText()));
                values.put(setting, String.join(",", items));
            } else if (!value.isNull()) {
                values.put(setting, value.asText());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidSettingsException(configFile + ": unknown setting(s) " + unknown + "; known: "
                    + byKey.keySet().stream().sorted().toList());
        }
        return values;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        for (Setting s : List.of(Setting.PORT, Setting.MAX_BODY_BYTES, Setting.WORKERS, Setting.QUEUE_WAIT_MS,
                Setting.EVALUATION_TIMEOUT_MS, Setting.MAX_FIRINGS, Setting.SHUTDOWN_GRACE_MS, Setting.FOLLOW_MS,
                Setting.CHECKPOINT_RECORDS, Setting.CHECKPOINT_SECONDS)) {
            try {
                long value = Long.parseLong(values.get(s).trim());
                if (value < 0 || (s == Setting.PORT && value > 65535)) {
                    problems.add(s.key() + " " + value + " is out of range: " + (s == Setting.PORT ? "0 to 65535"
                            : "0 or more") + " (from " + origins.get(s) + ")");
                }
            } catch (NumberFormatException e) {
                problems.add(s.key() + " '" + values.get(s) + "' is not a whole number (from " + origins.get(s) + ")");
            }
        }
        String approvals = values.get(Setting.APPROVALS).trim();
        if (!approvals.isEmpty() && !approvals.matches("[1-9]\\d{0,2}")) {
            problems.add(Setting.APPROVALS.key() + " '" + approvals + "' is not a whole number from 1 to 999 (from "
                    + origins.get(Setting.APPROVALS) + ")");
        }
        String watch = values.get(Setting.WATCH_RULES).trim();
        if (!watch.equals("true") && !watch.equals("false")) {
            problems.add(Setting.WATCH_RULES.key() + " '" + watch + "' is not true or false (from "
                    + origins.get(Setting.WATCH_RULES) + ")");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(String.join("; ", problems));
        }
    }

    /** The approvals a candidate needs: as set, else 2 with API keys and 1 in local single-user mode. */
    public int approvals(boolean localMode) {
        String text = text(Setting.APPROVALS);
        return text.isEmpty() ? (localMode ? 1 : 2) : Integer.parseInt(text);
    }

    public boolean flag(Setting s) {
        return Boolean.parseBoolean(text(s));
    }

    public String text(Setting s) {
        return values.get(s).trim();
    }

    public long number(Setting s) {
        return Long.parseLong(text(s));
    }

    public int integer(Setting s) {
        return Math.toIntExact(number(s));
    }

    public Path path(Setting s) {
        return Path.of(text(s));
    }
}
