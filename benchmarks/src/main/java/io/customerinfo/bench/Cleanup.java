package io.customerinfo.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a run must undo, newest first: child processes, servers, temp dirs. {@link #close()} runs every step even
 * when one fails, and is also registered as a shutdown hook so that Ctrl-C or a failure leaves nothing behind.
 * Steps must be idempotent: a measurement stops its own processes when done, and the step runs again at the end.
 */
final class Cleanup implements AutoCloseable {

    private record Step(String name, Runnable action) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final PrintStream log;
    private final Thread hook = new Thread(this::close, "bench-cleanup");
    private boolean closed;

    Cleanup(PrintStream log) {
        this.log = log;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers a step; after {@link #close()} (a background start finishing late) it runs at once. */
    synchronized void add(String name, Runnable action) {
        if (closed) {
            run(new Step(name, action));
            return;
        }
        steps.push(new Step(name, action));
    }

    void deleteOnClose(Path dir) {
        add("delete " + dir, () -> deleteTree(dir));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!steps.isEmpty()) {
            run(steps.pop());
        }
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private void run(Step step) {
        try {
            step.action().run();
        } catch (RuntimeException e) {
            log.println("cleanup: " + step.name() + " failed: " + e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
