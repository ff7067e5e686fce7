package org.mineralsadvisor.authoring;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A rule-set upload that is not JSON says what and where, in words, like a profile does. */
class RuleSetUploadTest {
    private static UploadProblem problem(String body) {
        return catchThrowableOfType(InvalidUploadException.class,
                () -> RuleSetUpload.parse(body.getBytes(StandardCharsets.UTF_8))).problems().get(0);
    }

    @Test
    void malformed_json_says_what_went_wrong_and_where() {
        UploadProblem p = problem("{\"files\": x}");
        assertThat(p.code()).isEqualTo("malformed_json");
        assertThat(p.message()).startsWith("not valid JSON at line 1, column 11: unexpected text 'x' where a value was expected");
    }

    @Test
    void nesting_beyond_the_parser_limit_is_located() {
        UploadProblem p = problem("{\"files\":\n" + "[".repeat(1200) + "]".repeat(1200) + "}");
        assertThat(p.code()).isEqualTo("malformed_json");
        assertThat(p.message()).startsWith("not valid JSON at line 2, column ")
                .endsWith("arrays and objects are nested more than 1000 levels deep")
                .doesNotContain("StreamReadConstraints");
    }
}
