package io.customerinfo.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * One scenario's summary line: events sent, applied, dead-lettered, documents compared, mismatches, plus what
 * the scenario itself observed. Printed and appended to {@code target/fault-suite/summary.txt}.
 */
record Summary(String scenario, long sent, long applied, long deadLettered, long tombstones, int compared,
               int mismatches, double seconds, String observed) {

    String line() {
        return String.format(Locale.ROOT,
                "%-22s sent %,d | applied %,d | dead-lettered %,d | tombstones skipped %,d | documents compared %,d,"
                        + " mismatches %d | %.1f s | %s",
                scenario, sent, applied, deadLettered, tombstones, compared, mismatches, seconds, observed);
    }

    void report(Path file) {
        String line = line();
        System.out.println("FAULT SUITE " + line);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
