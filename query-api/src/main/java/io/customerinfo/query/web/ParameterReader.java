package io.customerinfo.query.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.apache.tomcat.util.http.fileupload.FileUploadException;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects every value of one parameter from the query string and the body (urlencoded form,
 * multipart form or JSON object), without Tomcat's parameter map: the API decides itself about
 * duplicates, bad escapes and oversized bodies. Bodies of other content types are ignored.
 */
final class ParameterReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final int maxBodyBytes;

    ParameterReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    List<String> values(HttpServletRequest request, String name) throws IOException {
        List<String> values = new ArrayList<>(1);
        String query = request.getQueryString();
        if (query != null) {
            urlEncoded(query, name, values);
        }
        if ("POST".equals(request.getMethod())) {
            fromBody(request, name, values);
        }
        return values;
    }

    private void fromBody(HttpServletRequest request, String name, List<String> values) throws IOException {
        long length = request.getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new RequestRejected(ErrorCode.TOO_LARGE, "超过 " + maxBodyBytes + " 字节");
        }
        String type = request.getContentType();
        if (type == null) {
            return;
        }
        type = type.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            urlEncoded(new String(readBody(request), StandardCharsets.ISO_8859_1), name, values);
        } else if (type.startsWith("multipart/form-data")) {
            multipart(request, name, values);
        } else if (type.startsWith("application/json") || type.contains("+json")) {
            json(readBody(request), name, values);
        }
    }

    private byte[] readBody(HttpServletRequest request) throws IOException {
        InputStream in = request.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, Math.min(maxBodyBytes, 1024)));
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > maxBodyBytes) {
                throw new RequestRejected(ErrorCode.TOO_LARGE, "超过 " + maxBodyBytes + " 字节");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void multipart(HttpServletRequest request, String name, List<String> values) throws IOException {
        java.util.Collection<Part> parts;
        try {
            parts = request.getParts();
        } catch (IllegalStateException | SizeException e) {
            // Tomcat's signals that the request exceeds the servlet's multipart limits
            throw new RequestRejected(ErrorCode.TOO_LARGE, "超过 " + maxBodyBytes + " 字节");
        } catch (FileUploadException | ServletException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "multipart 格式错误");
        }
        for (Part part : parts) {
            if (name.equals(part.getName()) && part.getSubmittedFileName() == null) {
                try (InputStream in = part.getInputStream()) {
                    values.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static void json(byte[] body, String name, List<String> values) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "JSON 格式错误");
        }
        if (node == null || !node.isObject()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "JSON 请求体必须是对象");
        }
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return;
        }
        values.add(value.isArray() ? value.toString() : CustomerIds.scalar(value, name));
    }

    /** Adds the decoded values of {@code name} in {@code a=b&c=d} text. */
    static void urlEncoded(String text, String name, List<String> values) {
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int amp = text.indexOf('&', start);
            int end = amp < 0 ? n : amp;
            if (end > start) {
                int eq = text.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                if (decode(text, start, nameEnd).equals(name)) {
                    values.add(nameEnd == end ? "" : decode(text, nameEnd + 1, end));
                }
            }
            start = end + 1;
        }
    }

    /** Percent-decodes (and {@code +} to space) as UTF-8; bad escapes are a bad request. */
    static String decode(String text, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '+' || c > 0x7f) {
                plain = false;
                break;
            }
        }
        if (plain) {
            return text.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw new RequestRejected(ErrorCode.BAD_REQUEST, "参数编码错误");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new RequestRejected(ErrorCode.BAD_REQUEST, "参数编码错误");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c & 0xff);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
