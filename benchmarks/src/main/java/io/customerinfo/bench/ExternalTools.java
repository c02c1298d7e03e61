package io.customerinfo.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code wrk} and {@code nginx}: the benchmark installs nothing, it says what is missing. */
final class ExternalTools {

    static final String INSTALL_HINT = "install with: apt-get install -y wrk nginx-light";

    private ExternalTools() {
    }

    /** {@code name} as a path (when it contains a slash) or found on PATH, /usr/sbin and /sbin. */
    static Optional<Path> find(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
