package org.mineralsadvisor.authoring;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Notices a saved change in the rules directory by reading it on every tick (a few small
 * files), and reports it once the directory has stayed the same for one more tick, so that
 * an editor's save of several files, or a save in progress, is proposed once and whole.
 * Reading beats file-system events here: they are lost on some mounts and arrive mid-save.
 */
final class RulesDirectoryWatcher {
    private final Path dir;
    private final Consumer<SortedMap<String, String>> onChange;
    private Map<String, String> proposed;
    private Map<String, String> pending;

    RulesDirectoryWatcher(Path dir, Map<String, String> current, Consumer<SortedMap<String, String>> onChange) {
        this.dir = dir;
        this.proposed = Map.copyOf(current);
        this.onChange = onChange;
    }

    /** One look at the directory; proposes what was saved when it is the same as at the last look. */
    void tick() {
        SortedMap<String, String> now = RuleSetFiles.read(dir);
        if (now.equals(proposed)) {
            pending = null;
            return;
        }
        if (!Objects.equals(now, pending)) {
            pending = now;
            return;
        }
        proposed = Map.copyOf(now);
        pending = null;
        onChange.accept(now);
    }
}
