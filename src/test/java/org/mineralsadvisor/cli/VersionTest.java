package org.mineralsadvisor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class VersionTest {
    @TempDir
    Path tmp;

    @Test
    void version_prints_the_project_version_and_the_commit_built() throws Exception {
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "--version");
        assertThat(code).isZero();
        String head = git("rev-parse", "--short=12", "HEAD");
        String commit = head == null ? "unknown commit" : "commit " + head;
        assertThat(out.toString().strip()).isEqualTo("advisor " + pomVersion() + " (" + commit + ")");
    }

    @Test
    void a_build_outside_a_git_checkout_goes_on_and_says_unknown_commit() throws Exception {
        Path written = tmp.resolve("classes/advisor-build.properties");
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "src/build/BuildInfo.java", "1.2.3", tmp.toString(), written.toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(build.exitValue()).as(output).isZero();
        Properties properties = new Properties();
        try (var in = Files.newInputStream(written)) {
            properties.load(in);
        }
        assertThat(VersionProvider.line(properties)).isEqualTo("advisor 1.2.3 (unknown commit)");
    }

    @Test
    void without_build_information_it_says_so_rather_than_inventing_a_version() {
        assertThat(VersionProvider.line(new Properties())).isEqualTo("advisor (version unknown) (unknown commit)");
    }

    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>minerals-advisor</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("the project version in pom.xml").isTrue();
        return m.group(1);
    }

    /** The git command's answer, or null where there is no git or no checkout. */
    private static String git(String... args) throws InterruptedException {
        try {
            String[] command = new String[args.length + 1];
            command[0] = "git";
            System.arraycopy(args, 0, command, 1, args.length);
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 && !answer.isEmpty() ? answer : null;
        } catch (IOException e) {
            return null;
        }
    }
}
