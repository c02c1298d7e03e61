package io.customerinfo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the report says about the machine: CPU model and memory, from /proc. */
final class MachineInfo {

    private MachineInfo() {
    }

    static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    }

    static String memory() {
        return firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> "MemTotal " + v).orElse("memory unknown");
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
