package io.customerinfo.embedded.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a minimal keep-alive server here that answers each request with one write (or stalls, when told). */
class OpenLoopTest {

    private ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private volatile long stallUntilNanos;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        pool.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    pool.execute(() -> serve(socket));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String path = line.split(" ")[1];
                while (!(line = in.readLine()).isEmpty()) {
                    // headers are not needed
                }
                while (System.nanoTime() < stallUntilNanos) {
                    Thread.sleep(5);
                }
                String status = path.equals("/missing") ? "404 Not Found" : "200 OK";
                out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 2\r\n\r\nok").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    private static byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void offersTheRateAskedForAndCountsFailures() {
        OpenLoop load = new OpenLoop(server.getLocalPort(), 4, Duration.ofSeconds(5));

        OpenLoop.Result r = load.run(List.of(get("/a"), get("/b"), get("/c"), get("/missing")), 1000, Duration.ofSeconds(2));

        assertThat(r.due()).isEqualTo(2000);
        assertThat(r.answered() + r.failures()).isEqualTo(2000);
        assertThat(r.failures()).as("every fourth request is a 404").isEqualTo(500);
        assertThat(r.answeredPerSecond()).isBetween(0.9 * 750, 1.1 * 750);
        assertThat(r.p50Millis()).isLessThan(20);
    }

    @Test
    void aStallIsChargedToEveryRequestItHeldUpNotOnlyToThoseInFlight() throws Exception {
        int port = server.getLocalPort();
        OpenLoop load = new OpenLoop(port, 4, Duration.ofSeconds(5));
        Thread staller = new Thread(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            stallUntilNanos = System.nanoTime() + Duration.ofMillis(300).toNanos();
        });
        staller.start();

        OpenLoop.Result r = load.run(List.of(get("/a")), 1000, Duration.ofSeconds(2));
        staller.join();

        // about 300 of the 2,000 requests were due during the stall: the p99 is among them. Timed from when each was
        // sent, only the 4 in flight would have been slow and the p99 would be a millisecond or two.
        assertThat(r.failures()).isZero();
        assertThat(r.p99Millis()).isGreaterThan(100);
        assertThat(r.maxMillis()).isGreaterThan(250);
    }
}
