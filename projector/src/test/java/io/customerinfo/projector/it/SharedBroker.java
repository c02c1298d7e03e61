package io.customerinfo.projector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.customerinfo.embedded.KafkaBroker;

/**
 * One KRaft broker for every IT class of this JVM (its start costs seconds); each test uses its own topic prefix
 * and consumer group. Stopped by a shutdown hook.
 */
final class SharedBroker {

    private static KafkaBroker broker;

    private SharedBroker() {}

    static synchronized KafkaBroker get() {
        if (broker == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-");
                broker = KafkaBroker.start(dir, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-shared-kafka"));
        }
        return broker;
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
