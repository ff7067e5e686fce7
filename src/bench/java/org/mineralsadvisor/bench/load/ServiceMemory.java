package org.mineralsadvisor.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The service's memory right after its load test, as {@code key=value} lines for
 * {@link Report}: RSS and peak RSS from {@code /proc/PID/status}; heap, live data and GC
 * pauses from two {@code /metrics} scrapes (after the warm-up and after the load), so that the
 * GC time of the measured runs alone can be told apart.
 */
final class ServiceMemory {
    private ServiceMemory() {
    }

    static String env(long pid, List<String> metrics, List<String> metricsAfterWarmup) throws IOException {
        double pauses = sum(metrics, "jvm_gc_pause_seconds_sum", "");
        double pauseCount = sum(metrics, "jvm_gc_pause_seconds_count", "");
        StringBuilder env = new StringBuilder()
                .append("rss_kb=").append(procStatus(pid, "VmRSS:")).append('\n')
                .append("hwm_kb=").append(procStatus(pid, "VmHWM:")).append('\n')
                .append("heap_used_bytes=").append(whole(sum(metrics, "jvm_memory_used_bytes", "area=\"heap\""))).append('\n')
                .append("heap_committed_bytes=").append(whole(sum(metrics, "jvm_memory_committed_bytes", "area=\"heap\"")))
                .append('\n')
                .append("heap_max_bytes=").append(whole(sum(metrics, "jvm_memory_max_bytes", "area=\"heap\""))).append('\n')
                .append("live_data_bytes=").append(whole(sum(metrics, "jvm_gc_live_data_size_bytes", ""))).append('\n')
                .append("gc_pause_seconds_total=").append(String.format(Locale.ROOT, "%.6f", pauses)).append('\n')
                .append("gc_pauses_total=").append(whole(pauseCount)).append('\n')
                .append("gc_pause_seconds_measured=").append(String.format(Locale.ROOT, "%.6f",
                        pauses - sum(metricsAfterWarmup, "jvm_gc_pause_seconds_sum", ""))).append('\n')
                .append("gc_pauses_measured=").append(whole(pauseCount
                        - sum(metricsAfterWarmup, "jvm_gc_pause_seconds_count", ""))).append('\n');
        return env.toString();
    }

    /**
     * The sum of a metric's series whose line contains FILTER, skipping negative values (an
     * unbounded pool's maximum is -1).
     */
    static double sum(List<String> metrics, String name, String filter) {
        double total = 0;
        for (String line : metrics) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(filter)) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (value >= 0) {
                    total += value;
                }
            }
        }
        return total;
    }

    private static String procStatus(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(key)) {
                return line.substring(key.length()).replaceAll("[^0-9]", "");
            }
        }
        return "";
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
