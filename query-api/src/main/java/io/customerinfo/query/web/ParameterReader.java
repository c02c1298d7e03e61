package io.customerinfo.query.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.fileupload.FileItemIterator;
import org.apache.tomcat.util.http.fileupload.FileItemStream;
import org.apache.tomcat.util.http.fileupload.FileUpload;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.UploadContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Collects every value of one parameter from the query string and the body (urlencoded form,
 * multipart form or JSON object), without Tomcat's parameter map: the API decides itself about
 * duplicates and bad escapes. The body comes whole and bounded ({@link RequestBody}); bodies of other
 * content types are ignored.
 */
final class ParameterReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ParameterReader() {
    }

    static List<String> values(HttpServletRequest request, byte[] body, String name) {
        List<String> values = new ArrayList<>(1);
        String query = request.getQueryString();
        if (query != null) {
            urlEncoded(query, name, values);
        }
        if (body != null) {
            fromBody(request.getContentType(), body, name, values);
        }
        return values;
    }

    private static void fromBody(String type, byte[] body, String name, List<String> values) {
        if (type == null) {
            return;
        }
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("application/x-www-form-urlencoded")) {
            urlEncoded(new String(body, StandardCharsets.ISO_8859_1), name, values);
        } else if (lower.startsWith("multipart/form-data")) {
            multipart(type, body, name, values);
        } else if (lower.startsWith("application/json") || lower.contains("+json")) {
            json(body, name, values);
        }
    }

    /** The text fields called {@code name} of a multipart/form-data body (file parts are not parameters). */
    private static void multipart(String type, byte[] body, String name, List<String> values) {
        FileUpload upload = new FileUpload();
        upload.setHeaderEncoding(StandardCharsets.UTF_8.name());
        try {
            FileItemIterator items = upload.getItemIterator(new BodyContext(type, body));
            while (items.hasNext()) {
                FileItemStream item = items.next();
                if (item.isFormField() && name.equals(item.getFieldName())) {
                    try (InputStream in = item.openStream()) {
                        values.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException | InvalidFileNameException e) {
            // a body in memory cannot fail to read (FileUploadException is an IOException): the framing is bad
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "multipart 格式错误");
        }
    }

    /** A body already in memory, as Tomcat's multipart parser takes it. */
    private record BodyContext(String contentType, byte[] body) implements UploadContext {

        @Override
        public String getCharacterEncoding() {
            return null;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public long contentLength() {
            return body.length;
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
