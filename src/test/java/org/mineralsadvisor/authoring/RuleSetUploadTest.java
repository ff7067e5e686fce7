package org.mineralsadvisor.authoring;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleSetUploadTest {

    private static List<UploadProblem> problems(String body) {
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class,
                () -> RuleSetUpload.parse(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(e).as("rejected: " + body).isNotNull();
        return e.problems();
    }

    @Test
    void a_whole_rule_set_with_a_reason_is_accepted() {
        RuleSetUpload upload = RuleSetUpload.parse(("{\"files\": {\"a.drl\": \"x\", \"policies.yaml\": \"y\", "
                + "\"tests/a/b.yaml\": \"z\"}, \"reason\": \"  why \"}").getBytes(StandardCharsets.UTF_8));
        assertThat(upload.files()).containsOnlyKeys("a.drl", "policies.yaml", "tests/a/b.yaml");
        assertThat(upload.reason()).isEqualTo("why");
    }

    @Test
    void each_problem_is_at_its_pointer() {
        assertThat(problems("{\"files\": {\"../x.drl\": \"x\", \"/abs.drl\": \"x\", \".hidden.drl\": \"x\", "
                + "\"a.txt\": \"x\", \"b.drl\": 3}, \"extra\": 1}"))
                .extracting(UploadProblem::pointer, UploadProblem::code)
                .contains(org.assertj.core.groups.Tuple.tuple("/files/..~1x.drl", "bad_file_name"),
                        org.assertj.core.groups.Tuple.tuple("/files/~1abs.drl", "bad_file_name"),
                        org.assertj.core.groups.Tuple.tuple("/files/.hidden.drl", "bad_file_name"),
                        org.assertj.core.groups.Tuple.tuple("/files/a.txt", "bad_file_name"),
                        org.assertj.core.groups.Tuple.tuple("/files/b.drl", "wrong_type"),
                        org.assertj.core.groups.Tuple.tuple("/extra", "unknown_field"),
                        org.assertj.core.groups.Tuple.tuple("/reason", "required"));
    }

    @Test
    void a_rule_set_needs_a_drl_file_and_the_catalogue() {
        assertThat(problems("{\"files\": {\"policies.yaml\": \"y\"}, \"reason\": \"r\"}"))
                .extracting(UploadProblem::code).containsExactly("no_rules");
        assertThat(problems("{\"files\": {\"a.drl\": \"x\"}, \"reason\": \"r\"}"))
                .extracting(UploadProblem::code).containsExactly("no_catalogue");
        assertThat(problems("[]")).extracting(UploadProblem::code).containsExactly("wrong_type");
    }

    @Test
    void malformed_json_is_told_apart_with_its_line_and_column() {
        InvalidUploadException e = catchThrowableOfType(InvalidUploadException.class,
                () -> RuleSetUpload.parse("{\n  \"files\": x".getBytes(StandardCharsets.UTF_8)));
        assertThat(e.malformed()).isTrue();
        assertThat(e.problems().get(0).message()).contains("line 2");
    }

    @Test
    void malformed_json_says_what_went_wrong_and_where() {
        UploadProblem p = problems("{\"files\": x}").get(0);
        assertThat(p.code()).isEqualTo("malformed_json");
        assertThat(p.message()).startsWith("not valid JSON at line 1, column 11: unexpected text 'x' where a value was expected");
    }

    @Test
    void nesting_beyond_the_parser_limit_is_located() {
        UploadProblem p = problems("{\"files\":\n" + "[".repeat(1200) + "]".repeat(1200) + "}").get(0);
        assertThat(p.code()).isEqualTo("malformed_json");
        assertThat(p.message()).startsWith("not valid JSON at line 2, column ")
                .endsWith("arrays and objects are nested more than 1000 levels deep")
                .doesNotContain("StreamReadConstraints");
    }
}
