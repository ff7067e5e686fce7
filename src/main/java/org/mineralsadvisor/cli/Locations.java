package org.mineralsadvisor.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The --rules and --facts options that several commands share. */
final class Locations {
    @Option(names = "--rules", paramLabel = "DIR", description = "Rules directory (DRL files and policies.yaml). Default: ${DEFAULT-VALUE}.",
            defaultValue = "${env:ADVISOR_RULES:-rules}")
    Path rules;

    @Option(names = "--facts", paramLabel = "DIR", description = "Fact-base directory (CSV files). Default: ${DEFAULT-VALUE}.",
            defaultValue = "${env:ADVISOR_FACTS:-facts}")
    Path facts;
}
