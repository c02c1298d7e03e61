package io.customerinfo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.customerinfo.embedded.FreePorts;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baseline of #4: nginx serving the contract's golden response as a static file (compact, as the API answers
 * it), with its own config in a temp dir: as many workers as cores, no access log, unlimited keep-alive requests
 * (the query API's Tomcat keeps connections open too).
 */
final class NginxStatic implements AutoCloseable {

    private static final String GOLDEN = "schemas/examples/customer-info-62640.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final int port;
    private final long goldenBytes;

    private NginxStatic(Process process, int port, long goldenBytes) {
        this.process = process;
        this.port = port;
        this.goldenBytes = goldenBytes;
    }

    static NginxStatic start(Path nginx, Path dir) {
        int port = FreePorts.next();
        try {
            Path www = dir.resolve("www");
            Files.createDirectories(www);
            Files.createDirectories(dir.resolve("tmp"));
            byte[] golden = compactGolden();
            Files.write(www.resolve("golden.json"), golden);
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, """
                    %4$s
                    worker_processes auto;
                    daemon off;
                    pid %1$s/nginx.pid;
                    error_log %1$s/error.log warn;
                    events { worker_connections 4096; }
                    http {
                      access_log off;
                      sendfile on;
                      tcp_nopush on;
                      tcp_nodelay on;
                      keepalive_requests 100000000;
                      keepalive_timeout 120s;
                      types { application/json json; }
                      client_body_temp_path %1$s/tmp/body;
                      proxy_temp_path %1$s/tmp/proxy;
                      fastcgi_temp_path %1$s/tmp/fastcgi;
                      uwsgi_temp_path %1$s/tmp/uwsgi;
                      scgi_temp_path %1$s/tmp/scgi;
                      server {
                        listen 127.0.0.1:%2$d;
                        root %3$s;
                      }
                    }
                    """.formatted(dir.toAbsolutePath(), port, www.toAbsolutePath(), workerUser()));
            Process process = new ProcessBuilder(nginx.toString(), "-p", dir.toAbsolutePath().toString(),
                    "-c", conf.toAbsolutePath().toString(), "-e", dir.resolve("error.log").toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
            NginxStatic server = new NginxStatic(process, port, golden.length);
            server.awaitServing(dir);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nginx in " + dir, e);
        }
    }

    /**
     * Started as root, nginx runs its workers as {@code nobody}, who cannot enter a checkout under {@code /root} or
     * a {@code mktemp -d} folder (mode 700) and answers 403: the workers stay root then, like the rest of the
     * bench. Any other user's workers are that user already (nginx ignores the directive, with a warning).
     */
    private static String workerUser() throws IOException {
        Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        return Integer.valueOf(0).equals(uid) ? "user root;" : "";
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/golden.json");
    }

    long goldenBytes() {
        return goldenBytes;
    }

    private void awaitServing(Path dir) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("nginx.out")) + readIfExists(dir.resolve("error.log")));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url()).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                close();
                throw new IllegalStateException("nginx answered " + r.statusCode() + " for " + url() + ": "
                        + readIfExists(dir.resolve("error.log")));
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting nginx", e);
            }
            AppJvm.sleep(100);
        }
        close();
        throw new IllegalStateException("nginx did not serve " + url() + " within 20 s: " + readIfExists(dir.resolve("error.log")));
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** The golden response as compact UTF-8 JSON, member order kept. */
    static byte[] compactGolden() {
        try (InputStream in = NginxStatic.class.getClassLoader().getResourceAsStream(GOLDEN)) {
            if (in == null) {
                throw new IllegalStateException(GOLDEN + " is not on the classpath (schemas jar)");
            }
            return JSON.writeValueAsBytes(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + GOLDEN, e);
        }
    }

    /** SIGTERM: nginx's fast shutdown stops the master and its workers. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
