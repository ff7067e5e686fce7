package org.mineralsadvisor.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code advisor --version}: the project version and the commit, as the build recorded them. */
final class VersionProvider implements CommandLine.IVersionProvider {
    /** Written by the build: see src/build/BuildInfo.java. */
    static final String RESOURCE = "/advisor-build.properties";

    @Override
    public String[] getVersion() {
        return new String[]{line(read())};
    }

    static String line(Properties build) {
        String version = build.getProperty("version", "").isBlank() ? "(version unknown)" : build.getProperty("version");
        String commit = build.getProperty("commit", "unknown");
        return "advisor " + version + " (" + (commit.isBlank() || commit.equals("unknown") ? "unknown commit" : "commit " + commit) + ")";
    }

    private static Properties read() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return build;
    }
}
