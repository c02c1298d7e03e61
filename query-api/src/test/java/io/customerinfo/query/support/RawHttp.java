package io.customerinfo.query.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 over a plain socket, so that tests can send what well-behaved clients refuse to: raw
 * non-UTF-8 bytes and braces in the request target, conflicting parameters, chunked bodies.
 */
public final class RawHttp {

    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return Golden.parse(body);
        }

        public int errCode() {
            return json().get("errCode").asInt();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public Response get(String target, String... headers) {
        return send("GET", target.getBytes(StandardCharsets.ISO_8859_1), null, headers);
    }

    public Response post(String target, String contentType, byte[] body, String... headers) {
        String[] all = new String[headers.length + 1];
        System.arraycopy(headers, 0, all, 0, headers.length);
        all[headers.length] = "Content-Type: " + contentType;
        return send("POST", target.getBytes(StandardCharsets.ISO_8859_1), body, contentType == null ? headers : all);
    }

    public Response post(String target, String contentType, String body, String... headers) {
        return post(target, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends one request; {@code body} null sends none, {@code chunked} bodies start with a header line. */
    public Response send(String method, byte[] target, byte[] body, String... headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write((method + " ").getBytes(StandardCharsets.ISO_8859_1));
            request.write(target);
            request.write(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            boolean chunked = false;
            for (String h : headers) {
                request.write((h + "\r\n").getBytes(StandardCharsets.UTF_8));
                chunked |= h.equalsIgnoreCase("Transfer-Encoding: chunked");
            }
            if (body != null && !chunked) {
                request.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            request.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                if (chunked) {
                    request.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    request.write(body);
                    request.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                } else {
                    request.write(body);
                }
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one response to its end (the server closes, or the client sent {@code Connection: close}). */
    public static Response read(InputStream in) throws IOException {
        byte[] all = readFully(in);
        int headerEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (headerEnd < 0) {
            throw new IOException("no complete response head in " + new String(all, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, headerEnd + 4, all.length);
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(rest);
        } else if (headers.containsKey("content-length")) {
            body = java.util.Arrays.copyOf(rest, Integer.parseInt(headers.get("content-length")));
        } else {
            body = rest;
        }
        return new Response(status, headers, body);
    }

    private static byte[] readFully(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // the server may reset after answering (e.g. 413 with Connection: close); keep what arrived
            if (out.size() == 0) {
                throw e;
            }
        }
        return out.toByteArray();
    }

    private static byte[] dechunk(byte[] rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = 0;
        while (p < rest.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(rest, p, rest.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            int size = Integer.parseInt(new String(rest, p, lineEnd, StandardCharsets.ISO_8859_1).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(rest, p + lineEnd + 2, size);
            p = p + lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
