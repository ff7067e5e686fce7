package org.mineralsadvisor.web;

import org.mineralsadvisor.http.RunningService;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mineralsadvisor.config.Setting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One browser and one service for a test class: {@code @RegisterExtension static final
 * PageFixture page = PageFixture.local();}. The browser closes before the service, so that its
 * idle keep-alive connections do not hold up the service's graceful stop.
 */
final class PageFixture implements BeforeAllCallback, AfterAllCallback {
    private final Map<Setting, String> settings;
    private Path dir;
    private RunningService server;
    private Browser browser;

    private PageFixture(Map<Setting, String> settings) {
        this.settings = settings;
    }

    /** Local single-user mode: no keys, every view. */
    static PageFixture local() {
        return new PageFixture(Map.of());
    }

    static PageFixture with(Map<Setting, String> settings) {
        return new PageFixture(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        browser = Browser.open(1280, 800);
        dir = Files.createTempDirectory("advisor-page");
        server = new RunningService(dir, settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (java.io.IOException ignored) {
                // a temporary directory left behind is not worth failing a test for
            }
        }
    }

    Browser browser() {
        return browser;
    }

    RunningService server() {
        return server;
    }

    String url(String path) {
        return server.url(path);
    }
}
