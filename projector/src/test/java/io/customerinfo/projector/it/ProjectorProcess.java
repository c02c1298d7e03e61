package io.customerinfo.projector.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.customerinfo.projector.ProjectorApplication;

/** A projector in a child JVM, so that a test can kill it (SIGKILL) in the middle of a poll. */
final class ProjectorProcess implements AutoCloseable {

    private final Process process;

    private ProjectorProcess(Process process) {
        this.process = process;
    }

    static ProjectorProcess start(Map<String, Object> properties, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProjectorApplication.class.getName());
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ProjectorProcess(p);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, the poll in hand is lost mid-way. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
