package org.mineralsadvisor.authoring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle's background work: watching the rules directory (a tick a second, so a save
 * is proposed within about two) and following activations made by other instances. Each on
 * its own thread, so a slow gate never delays following.
 */
public final class LifecycleScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("advisor.rulesets");
    static final long WATCH_TICK_MS = 1_000;

    private final ScheduledExecutorService watching = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "rules-watch"));
    private final ScheduledExecutorService following = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "rules-follow"));

    public LifecycleScheduler(RuleSetLifecycle lifecycle, Path rulesDir, Map<String, String> startFiles,
                              boolean watch, long followMs) {
        if (watch) {
            RulesDirectoryWatcher watcher = new RulesDirectoryWatcher(rulesDir, startFiles, lifecycle::proposeFromDisk);
            watching.scheduleWithFixedDelay(() -> guarded("watching " + rulesDir, watcher::tick),
                    WATCH_TICK_MS, WATCH_TICK_MS, TimeUnit.MILLISECONDS);
        }
        following.scheduleWithFixedDelay(() -> guarded("following activations", lifecycle::follow),
                followMs, followMs, TimeUnit.MILLISECONDS);
    }

    /** Runs work now on the watching thread (e.g. proposing a directory that differs from the active version). */
    public void submit(String what, Runnable work) {
        watching.execute(() -> guarded(what, work));
    }

    private static void guarded(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // A failed tick must not end the schedule; the next one tries again.
            LOG.warn("{} failed: {}", what, e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        watching.shutdownNow();
        following.shutdownNow();
    }
}
