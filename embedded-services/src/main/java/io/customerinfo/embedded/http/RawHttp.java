package io.customerinfo.embedded.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, byte for byte, for the tests, the fault suite and the benchmarks: the only way to
 * send what no well-behaved client would (broken framing, non-UTF-8 bytes in the target or a header, conflicting
 * parameters, a body that never ends) and to see exactly what the server answers.
 *
 * <p>An instance is one keep-alive connection: {@link #send} writes any bytes (a whole request or a part of one),
 * {@link #read} reads one answer, {@link #exchange} does both. An answer that does not come is a status, not an
 * exception: {@link #CLOSED} when the server hung up first, {@link #TIMED_OUT} when the read timeout passed.
 * {@link OneShot} sends each request on a fresh connection with {@code Connection: close}.
 */
public final class RawHttp implements AutoCloseable {

    /** The status of an answer that never came because the server closed the connection first. */
    public static final int CLOSED = -1;
    /** The status of an answer that did not come within the read timeout. */
    public static final int TIMED_OUT = -2;

    /**
     * One answer. {@code headers} are keyed by lower-case name (the last of repeated ones wins), {@code body} is
     * de-chunked, {@code nanos} is the time from the start of the exchange to the end of the answer.
     */
    public record Response(int status, Map<String, String> headers, byte[] body, long nanos) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens one connection to {@code 127.0.0.1:port}; each later read waits at most {@code readTimeout}. */
    public static RawHttp connect(int port, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            return new RawHttp(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A {@code POST} with {@code headers} (each line ending in CRLF, or empty) and a {@code Content-Length}. */
    public static byte[] post(String path, String contentType, String headers, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + headers + "Content-Length: " + body.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    /**
     * A request with {@code target} as given (any bytes), the {@code headers} lines (UTF-8) and, unless
     * {@code body} is null, the body: framed by {@code Content-Length}, or sent as one chunk when the headers
     * include {@code Transfer-Encoding: chunked}.
     */
    public static byte[] request(String method, byte[] target, byte[] body, String... headers) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(target);
        request.writeBytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        boolean chunked = false;
        for (String h : headers) {
            request.writeBytes((h + "\r\n").getBytes(StandardCharsets.UTF_8));
            chunked |= h.equalsIgnoreCase("Transfer-Encoding: chunked");
        }
        if (body != null && !chunked) {
            request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (body != null && chunked) {
            request.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.writeBytes(body);
            request.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        } else if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends a whole request and reads one answer. A failed send still reads: the server may answer (413, 400)
     * and close before it has read everything sent.
     */
    public Response exchange(byte[] request) throws IOException {
        long began = System.nanoTime();
        try {
            send(request);
        } catch (IOException e) {
            // read what the server said before it stopped reading
        }
        boolean head = request.length >= 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
        return read(in, began, head);
    }

    /** Reads one answer to a request other than {@code HEAD}; {@code began} is the {@link System#nanoTime()} it counts from. */
    public Response read(long began) throws IOException {
        return read(in, began, false);
    }

    /** True when the server has closed this connection (or reset it). */
    public boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do about a socket that will not close
        }
    }

    /** Reads one answer to a request other than {@code HEAD} from a socket the caller opened and wrote to. */
    public static Response read(InputStream in) throws IOException {
        return read(in, System.nanoTime(), false);
    }

    /**
     * Reads one answer: status line, headers, then the body framed as RFC 9112, 6.3 says. An answer to
     * {@code HEAD}, a 1xx, 204 or 304 has none whatever its {@code Content-Length} says; then chunked, then
     * {@code Content-Length}; with neither the body runs to the close of the connection.
     */
    private static Response read(InputStream in, long began, boolean toHead) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            String statusLine = line(in);
            if (statusLine == null) {
                return new Response(CLOSED, headers, new byte[0], System.nanoTime() - began);
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0) {
                    headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
                }
            }
            return new Response(status, headers, body(in, status, headers, toHead), System.nanoTime() - began);
        } catch (SocketTimeoutException e) {
            return new Response(TIMED_OUT, headers, new byte[0], System.nanoTime() - began);
        }
    }

    private static byte[] body(InputStream in, int status, Map<String, String> headers, boolean toHead) throws IOException {
        if (toHead || status == 204 || status == 304 || status < 200) {
            return new byte[0];
        }
        String encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
            for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
                // trailers are not kept
            }
            return body.toByteArray();
        }
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        return in.readAllBytes();
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        if (line == null) {
            throw new IOException("the connection closed inside a chunked body");
        }
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    /** One line without its CRLF (or LF); null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Each request on a fresh connection with {@code Connection: close}, read to the end of its answer; the
     * answer's {@code status} is {@link #CLOSED} or {@link #TIMED_OUT} (10 s) when none came.
     */
    public static final class OneShot {

        private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

        private final int port;

        public OneShot(int port) {
            this.port = port;
        }

        public Response get(String target, String... headers) {
            return send("GET", target.getBytes(StandardCharsets.ISO_8859_1), null, headers);
        }

        /** A {@code POST}; {@code contentType} null sends no {@code Content-Type}. */
        public Response post(String target, String contentType, byte[] body, String... headers) {
            String[] all = headers;
            if (contentType != null) {
                all = java.util.Arrays.copyOf(headers, headers.length + 1);
                all[headers.length] = "Content-Type: " + contentType;
            }
            return send("POST", target.getBytes(StandardCharsets.ISO_8859_1), body, all);
        }

        public Response post(String target, String contentType, String body, String... headers) {
            return post(target, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
        }

        /** Sends {@link RawHttp#request} with {@code Connection: close} added to the headers. */
        public Response send(String method, byte[] target, byte[] body, String... headers) {
            String[] all = java.util.Arrays.copyOf(headers, headers.length + 1);
            all[headers.length] = "Connection: close";
            try (RawHttp connection = connect(port, READ_TIMEOUT)) {
                return connection.exchange(request(method, target, body, all));
            } catch (IOException e) {
                throw new UncheckedIOException("no answer to " + method + " on 127.0.0.1:" + port, e);
            }
        }
    }
}
