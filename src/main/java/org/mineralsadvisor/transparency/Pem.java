package org.mineralsadvisor.transparency;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** PEM blocks (RFC 7468): {@code -----BEGIN LABEL-----}, base64 lines, {@code -----END LABEL-----}. */
final class Pem {
    private Pem() {
    }

    static String block(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    /**
     * The blocks of the text by label, in order (the first of each label); text outside blocks is
     * ignored, as openssl ignores it. {@link IllegalArgumentException} for an unclosed block or bad base64.
     */
    static Map<String, byte[]> blocks(String text) {
        Map<String, byte[]> blocks = new LinkedHashMap<>();
        String label = null;
        List<String> lines = new ArrayList<>();
        int lineNumber = 0;
        int begun = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNumber++;
            String line = raw.trim();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    lines.clear();
                    begun = lineNumber;
                }
            } else if (line.equals("-----END " + label + "-----")) {
                try {
                    blocks.putIfAbsent(label, Base64.getDecoder().decode(String.join("", lines)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("line " + begun + ": the " + label + " block is not base64");
                }
                label = null;
            } else {
                lines.add(line);
            }
        }
        if (label != null) {
            throw new IllegalArgumentException("line " + begun + ": the " + label + " block has no END line");
        }
        return blocks;
    }
}
