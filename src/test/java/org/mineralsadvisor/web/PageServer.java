package org.mineralsadvisor.web;

import org.mineralsadvisor.app.Application;
import org.mineralsadvisor.config.Setting;
import org.mineralsadvisor.config.Settings;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** A real service on a free port with its own SQLite file, for the browser to open. */
final class PageServer implements AutoCloseable {
    final Application app;
    final String base;

    PageServer(Path dataDir, Map<Setting, String> overrides) {
        Map<Setting, String> flags = new EnumMap<>(Setting.class);
        flags.put(Setting.PORT, "0");
        flags.put(Setting.DB, dataDir.resolve("advisor.db").toString());
        flags.put(Setting.API_KEYS, "");
        flags.putAll(overrides);
        this.app = Application.start(Settings.resolve(flags, Map.of(), null));
        this.base = "http://127.0.0.1:" + app.port();
    }

    String url(String path) {
        return base + path;
    }

    @Override
    public void close() {
        app.close();
    }
}
