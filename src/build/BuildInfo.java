import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run by the build (pom.xml, java's single-file launcher): writes the project version and the
 * commit being built to advisor-build.properties, which `advisor --version` prints. The git
 * command is asked, not a library, because it alone reads a linked worktree's HEAD right.
 * Outside a git checkout of this project (a source archive, the Docker build, no git at all)
 * the commit is "unknown" and the build goes on.
 *
 * Arguments: the project version, the project directory, the file to write.
 */
public class BuildInfo {
    public static void main(String[] args) throws IOException {
        String version = args[0];
        Path project = Path.of(args[1]).toRealPath();
        Path out = Path.of(args[2]);
        String commit = commit(project);
        Files.createDirectories(out.getParent());
        Files.writeString(out, "version=" + version + "\ncommit=" + commit + "\n", StandardCharsets.UTF_8);
    }

    static String commit(Path project) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--show-toplevel", "--short=12", "HEAD")
                    .directory(project.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0 || lines.size() != 2) {
                return "unknown";
            }
            // A source archive unpacked inside some other repository is not a checkout of this one.
            boolean ours = Path.of(lines.get(0)).toRealPath().equals(project);
            return ours && lines.get(1).matches("[0-9a-f]{7,40}") ? lines.get(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
