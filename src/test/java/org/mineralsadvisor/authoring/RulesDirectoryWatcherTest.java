package org.mineralsadvisor.authoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.assertj.core.api.Assertions.assertThat;

class RulesDirectoryWatcherTest {

    @Test
    void a_save_is_proposed_once_after_it_stayed_the_same_for_one_tick(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.drl"), "one");
        List<SortedMap<String, String>> proposed = new ArrayList<>();
        RulesDirectoryWatcher watcher = new RulesDirectoryWatcher(dir, RuleSetFiles.read(dir), proposed::add);
        watcher.tick();
        assertThat(proposed).isEmpty();

        Files.writeString(dir.resolve("a.drl"), "two");
        watcher.tick();
        assertThat(proposed).as("not while it may still be saving").isEmpty();
        Files.writeString(dir.resolve("policies.yaml"), "p");
        watcher.tick();
        assertThat(proposed).as("changed again since the last look").isEmpty();
        watcher.tick();
        assertThat(proposed).containsExactly(new java.util.TreeMap<>(Map.of("a.drl", "two", "policies.yaml", "p")));
        watcher.tick();
        watcher.tick();
        assertThat(proposed).hasSize(1);

        Files.createDirectories(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/x.yaml"), "cases: []");
        Files.writeString(dir.resolve("notes.txt"), "not a rule-set file");
        watcher.tick();
        watcher.tick();
        assertThat(proposed).hasSize(2);
        assertThat(proposed.get(1)).containsOnlyKeys("a.drl", "policies.yaml", "tests/x.yaml");
    }
}
