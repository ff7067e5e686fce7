package org.mineralsadvisor.provenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;

/** The version of a rule set or fact base: SHA-256 of its files' contents, files sorted by name. */
public final class ContentHash {
    private ContentHash() {
    }

    /** {@code sha256:<hex>} over the contents of {@code files}, ordered by their path relative to {@code root}. */
    public static String of(Path root, Collection<Path> files) {
        MessageDigest digest = sha256();
        files.stream()
                .sorted(Comparator.comparing((Path p) -> root.relativize(p).toString().replace('\\', '/')))
                .forEach(file -> {
                    try {
                        digest.update(Files.readAllBytes(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sha256:<hex>} over {@code contents}, in the order given (callers sort by file name). */
    public static String ofContents(Collection<byte[]> contents) {
        MessageDigest digest = sha256();
        contents.forEach(digest::update);
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
