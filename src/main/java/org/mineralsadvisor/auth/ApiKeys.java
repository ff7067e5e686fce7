package org.mineralsadvisor.auth;

import org.mineralsadvisor.config.InvalidSettingsException;
import org.mineralsadvisor.provenance.ContentHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API keys, known only by their SHA-256: {@code role:keyId:sha256hex}
 * entries. A presented bearer token is hashed and looked up; no key is ever stored or logged.
 */
public final class ApiKeys {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private record Entry(Role role, String keyId, byte[] sha256) {
    }

    private final List<Entry> entries;
    private final Map<String, Entry> byHash = new HashMap<>();

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            byHash.put(HexFormat.of().formatHex(e.sha256()), e);
        }
    }

    /** Parses the comma-separated entries; an empty text means no keys (local mode). */
    public static ApiKeys parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        if (text != null) {
            int index = 0;
            for (String raw : text.split(",")) {
                index++;
                String item = raw.trim();
                if (item.isEmpty()) {
                    continue;
                }
                String[] parts = item.split(":");
                if (parts.length != 3) {
                    problems.add("entry " + index + " is not role:keyId:sha256hex");
                    continue;
                }
                Role role;
                try {
                    role = Role.parse(parts[0]);
                } catch (IllegalArgumentException e) {
                    problems.add("entry " + index + " has unknown role '" + parts[0] + "' (officer, auditor, expert, admin)");
                    continue;
                }
                String hex = parts[2].trim().toLowerCase(java.util.Locale.ROOT);
                if (!HEX64.matcher(hex).matches()) {
                    problems.add("entry " + index + " (key id " + parts[1] + ") does not end in 64 hex digits of SHA-256");
                    continue;
                }
                if (ids.put(parts[1].trim(), hex) != null) {
                    problems.add("key id " + parts[1].trim() + " appears twice");
                    continue;
                }
                entries.add(new Entry(role, parts[1].trim(), HexFormat.of().parseHex(hex)));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException("apiKeys: " + String.join("; ", problems));
        }
        return new ApiKeys(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    /** The caller a bearer token belongs to, if any. */
    public Optional<Caller> authenticate(String token) {
        byte[] hash = ContentHash.sha256().digest(token.getBytes(StandardCharsets.UTF_8));
        Entry entry = byHash.get(HexFormat.of().formatHex(hash));
        // The map finds the candidate; the constant-time comparison keeps timing uninformative.
        if (entry == null || !MessageDigest.isEqual(entry.sha256(), hash)) {
            return Optional.empty();
        }
        return Optional.of(new Caller(entry.role(), entry.keyId(), false));
    }

    /** SHA-256 hex of a key, as configured: a helper for operators and tests. */
    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(ContentHash.sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
    }
}
