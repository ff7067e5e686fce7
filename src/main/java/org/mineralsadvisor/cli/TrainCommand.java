package org.mineralsadvisor.cli;

import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;
import picocli.CommandLine.Command;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the service once end to end (start, one advice, stop) so that the build can record
 * the classes it loads in a class-data-sharing archive: {@code -XX:ArchiveClassesAtExit}.
 * Starting with {@code -XX:SharedArchiveFile} then skips loading and verifying them again.
 */
@Command(name = "train", hidden = true, mixinStandardHelpOptions = true,
        header = "Starts the service on a free port, gives one advice and stops, for the class-data-sharing archive.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        String archive = System.getProperty("advisor.cds.archive");
        if (archive != null) {
            // The JVM opens the archive only when it exits, so the stale one can go now.
            Files.deleteIfExists(Path.of(archive));
        }
        Path dir = Files.createTempDirectory("advisor-train");
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, dir.resolve("train.db").toString());
        try (Application app = Application.start(Settings.resolve(flags, Map.of(), null))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/v1/advice"))
                            .POST(HttpRequest.BodyPublishers.ofFile(Path.of("samples/india.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? 0 : 1;
        }
    }
}
