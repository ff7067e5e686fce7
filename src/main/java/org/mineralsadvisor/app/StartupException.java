package org.mineralsadvisor.app;

import java.util.List;

/** The service could not start; {@code lines} say why (located problems where there are any). */
public class StartupException extends RuntimeException {
    private final List<String> lines;
    private final int exitCode;

    public StartupException(int exitCode, List<String> lines) {
        super(String.join("\n", lines));
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }

    public int exitCode() {
        return exitCode;
    }
}
