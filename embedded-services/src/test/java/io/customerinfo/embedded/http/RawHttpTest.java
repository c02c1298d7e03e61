package io.customerinfo.embedded.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ServerSocket server;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void readsAContentLengthBodyAndTheNextAnswerOnTheSameConnection() throws Exception {
        CompletableFuture<String> seen = serve(false, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), TIMEOUT)) {
            RawHttp.Response first = http.exchange(RawHttp.request("GET", bytes("/a"), null, "X-A: 1"));
            RawHttp.Response second = http.exchange(RawHttp.post("/b", "text/plain", "", bytes("xyz")));

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("content-TYPE")).isEqualTo("text/plain");
            assertThat(first.text()).isEqualTo("hello");
            assertThat(first.nanos()).isPositive();
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.text()).isEqualTo("ok");
        }
        assertThat(seen.get(5, TimeUnit.SECONDS))
                .startsWith("GET /a HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: 1\r\n\r\n")
                .endsWith("POST /b HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nxyz");
    }

    @Test
    void readsAChunkedBodyWithExtensionsAndTrailers() throws Exception {
        serve(false, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n7\r\n, world\r\n0\r\nT: 1\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\n\r\n");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), TIMEOUT)) {
            assertThat(http.exchange(RawHttp.request("GET", bytes("/"), null)).text()).isEqualTo("hello, world");
            assertThat(http.read(System.nanoTime()).status()).as("the trailer was consumed").isEqualTo(204);
        }
    }

    @Test
    void headNoContentAndNotModifiedHaveNoBodyWhateverTheirLength() throws Exception {
        serve(false, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlast");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), TIMEOUT)) {
            RawHttp.Response head = http.exchange(RawHttp.request("HEAD", bytes("/"), null));
            RawHttp.Response noContent = http.read(System.nanoTime());
            RawHttp.Response notModified = http.read(System.nanoTime());
            RawHttp.Response last = http.read(System.nanoTime());

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.body()).isEmpty();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(last.text()).isEqualTo("last");
        }
    }

    @Test
    void withoutFramingTheBodyRunsToTheClose() throws Exception {
        serve(true, "HTTP/1.1 200 OK\r\n\r\nuntil the end");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), TIMEOUT)) {
            assertThat(http.exchange(RawHttp.request("GET", bytes("/"), null)).text()).isEqualTo("until the end");
        }
    }

    @Test
    void aServerClosingBeforeAnsweringIsClosed() throws Exception {
        serve(true, "");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), TIMEOUT)) {
            assertThat(http.exchange(RawHttp.request("GET", bytes("/"), null)).status()).isEqualTo(RawHttp.CLOSED);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsTimedOut() throws Exception {
        serve(false, "");
        try (RawHttp http = RawHttp.connect(server.getLocalPort(), Duration.ofMillis(300))) {
            RawHttp.Response response = http.exchange(RawHttp.request("GET", bytes("/"), null));

            assertThat(response.status()).isEqualTo(RawHttp.TIMED_OUT);
            assertThat(response.nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
        }
    }

    @Test
    void oneShotSendsConnectionCloseAndAChunkedBodyAndReadsTheAnswer() throws Exception {
        CompletableFuture<String> seen = serve(true, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-B: 2\r\n\r\nok");

        RawHttp.Response response = new RawHttp.OneShot(server.getLocalPort())
                .post("/p", "text/plain", "abc", "Transfer-Encoding: chunked");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-B")).isEqualTo("2");
        assertThat(response.headers()).containsOnlyKeys("content-length", "x-b");
        assertThat(response.text()).isEqualTo("ok");
        assertThat(seen.get(5, TimeUnit.SECONDS)).isEqualTo("POST /p HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    }

    /**
     * Accepts one connection and, for each of {@code answers}, reads a request head (and what else arrived with it)
     * and writes the answer; then closes when {@code close}, else holds the connection open until the client
     * leaves. Completes with the bytes it read.
     */
    private CompletableFuture<String> serve(boolean close, String... answers) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(200);
                InputStream in = socket.getInputStream();
                ByteArrayOutputStream seen = new ByteArrayOutputStream();
                byte[] buffer = new byte[4096];
                for (int i = 0; i < answers.length; i++) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (count(seen.toString(StandardCharsets.ISO_8859_1), "\r\n\r\n") <= i && System.nanoTime() < deadline) {
                        try {
                            int n = in.read(buffer);
                            if (n < 0) {
                                break;
                            }
                            seen.write(buffer, 0, n);
                        } catch (java.net.SocketTimeoutException e) {
                            // the rest of the request is still coming
                        }
                    }
                    drain(in, seen);
                    socket.getOutputStream().write(answers[i].getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().flush();
                }
                if (!close) {
                    socket.setSoTimeout(10_000);
                    while (in.read(buffer) >= 0) {
                        // hold the connection until the client closes it
                    }
                }
                return seen.toString(StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Whatever the client sent right after the last head (a body), within 200 ms. */
    private static void drain(InputStream in, ByteArrayOutputStream seen) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                seen.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException e) {
            // nothing more came
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
