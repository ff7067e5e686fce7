package org.mineralsadvisor.docs;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handbook and the contract are public interfaces, so the repository carries them in
 * {@code docs/} (a clone has no {@code ../shared}). Where the team's shared copy is present,
 * the two must be identical: a spec update that is not brought in is a failing build.
 */
class SpecCopiesTest {
    private static final Path SHARED = Path.of("..", "shared", "spec");

    @ParameterizedTest
    @ValueSource(strings = {"policy-handbook.md", "data-contract.md"})
    void docs_copy_matches_the_shared_spec(String name) throws IOException {
        Path project = Path.of("docs", name);
        assertThat(project).as("the repository's own copy").exists();
        Path shared = SHARED.resolve(name);
        Assumptions.assumeTrue(Files.exists(shared),
                () -> "no " + shared + " beside this clone: only the repository's copy is checked");
        assertThat(Files.readString(project)).as(project + " is in step with " + shared)
                .isEqualTo(Files.readString(shared));
    }
}
