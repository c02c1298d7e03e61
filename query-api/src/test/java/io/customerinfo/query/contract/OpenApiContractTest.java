package io.customerinfo.query.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.ResponseSchema;
import io.customerinfo.query.support.WebTestSupport;
import jakarta.servlet.ServletRegistration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code schemas/openapi.yaml} against the running endpoints: every documented path, method and
 * response code is produced by a matching request, and every served endpoint and method is documented.
 */
class OpenApiContractTest extends WebTestSupport {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final Map<Integer, Integer> ERR_CODES = Map.of(400, 1001, 401, 1401, 404, 1004, 408, 1408, 413,
            1413, 429, 1429, 500, 1500, 503, 1503);

    @Autowired
    WebApplicationContext context;

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> paths() {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/schemas/openapi.yaml")) {
            Map<String, Object> doc = new Yaml().load(in);
            assertThat(doc.get("openapi").toString()).startsWith("3.");
            return (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyDocumentedResponseIsServed() {
        int checked = 0;
        for (var path : paths().entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                String method = operation.getKey().toUpperCase(Locale.ROOT);
                Map<Object, Object> responses = (Map<Object, Object>) operation.getValue().get("responses");
                for (Object code : responses.keySet()) {
                    int status = Integer.parseInt(code.toString());
                    resetWorld();
                    Response response = produce(path.getKey(), method, status);
                    assertThat(response.status()).as(method + " " + path.getKey() + " -> " + status + ": " + response.text())
                            .isEqualTo(status);
                    if (status == 304) {
                        assertThat(response.body()).isEmpty();
                    } else if (status == 200) {
                        assertThat(Golden.errCode(response)).isEqualTo(1000);
                        assertThat(Golden.json(response).get("data").isObject()).isTrue();
                        if (path.getKey().endsWith("/info")) {
                            ResponseSchema.assertValid(response);
                        }
                    } else {
                        assertError(response, status, ERR_CODES.get(status));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(30);
    }

    @Test
    void everyServedEndpointAndMethodIsDocumented() {
        Map<String, Map<String, Map<String, Object>>> paths = paths();
        Map<String, ? extends ServletRegistration> registrations = context.getServletContext().getServletRegistrations();
        Set<String> served = new TreeSet<>();
        for (String name : new String[] {"info", "batch_info"}) {
            served.addAll(registrations.get(name).getMappings());
        }
        assertThat(served).isEqualTo(new TreeSet<>(paths.keySet()));
        for (String path : served) {
            Set<String> documented = new TreeSet<>();
            paths.get(path).keySet().forEach(m -> documented.add(m.toUpperCase(Locale.ROOT)));
            for (String method : HTTP_METHODS) {
                if (method.equals("HEAD") || method.equals("OPTIONS")) {
                    continue;
                }
                Response response = http.send(method, (path + "?cid=62640&cids=62640").getBytes(StandardCharsets.US_ASCII),
                        method.equals("GET") ? null : new byte[0], ALL);
                boolean isServed = response.status() != 405;
                assertThat(isServed).as(method + " " + path + " served=" + isServed + " documented=" + documented)
                        .isEqualTo(documented.contains(method));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReferenceResolves() throws IOException {
        Map<String, Object> doc;
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/schemas/openapi.yaml")) {
            doc = new Yaml().load(in);
        }
        java.util.List<String> refs = new java.util.ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                Object node = doc;
                for (String part : ref.substring(2).split("/")) {
                    node = ((Map<String, Object>) node).get(part);
                    assertThat(node).as(ref).isNotNull();
                }
            } else {
                assertThat(OpenApiContractTest.class.getResource("/schemas/" + ref)).as(ref).isNotNull();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void collectRefs(Object node, java.util.List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("$ref".equals(k)) {
                    refs.add(v.toString());
                } else {
                    collectRefs(v, refs);
                }
            });
        } else if (node instanceof java.util.List<?> list) {
            list.forEach(v -> collectRefs(v, refs));
        }
    }

    /** A request to {@code path} by {@code method} that must be answered {@code status}. */
    private Response produce(String path, String method, int status) {
        String param = path.endsWith("batch_info") ? "cids" : "cid";
        String key = ALL;
        String value = "62640";
        String extraHeader = null;
        byte[] pad = null;
        switch (status) {
            case 200 -> { }
            case 304 -> extraHeader = "If-None-Match: " + call(path, method, param, value, ALL, null, null).header("ETag");
            case 400 -> value = "1 OR 1=1".replace(" ", "%20");
            case 401 -> key = "X-Api-Key: wrong";
            case 404 -> value = "1";
            case 408 -> {
                return stalledBody(path, param + "=" + value, key);
            }
            case 413 -> pad = ("&pad=" + "x".repeat(17 * 1024)).getBytes(StandardCharsets.US_ASCII);
            case 429 -> {
                key = LIMITED;
                call(path, method, param, value, key, null, null);
            }
            case 500 -> {
                store.put(1, "666", "CIV1|broken".getBytes(StandardCharsets.UTF_8));
                value = "666";
            }
            case 503 -> store.unavailable(true);
            default -> throw new AssertionError("no scenario for status " + status);
        }
        return call(path, method, param, value, key, extraHeader, pad);
    }

    /** A form POST announcing more body than it sends: answered when the body timeout (2 s here) passes. */
    private Response stalledBody(String path, String form, String key) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + FORM + "\r\n" + key
                    + "\r\nContent-Length: " + (form.length() + 10) + "\r\n\r\n" + form;
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return io.customerinfo.embedded.http.RawHttp.read(socket.getInputStream());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Response call(String path, String method, String param, String value, String key, String extraHeader,
            byte[] pad) {
        String[] headers = extraHeader == null ? new String[] {key} : new String[] {key, extraHeader};
        if (method.equals("GET")) {
            return http.get(path + "?" + param + "=" + value, headers);
        }
        byte[] body = (param + "=" + value).getBytes(StandardCharsets.US_ASCII);
        if (pad != null) {
            body = io.customerinfo.query.web.TestBytes.concat(body, pad);
        }
        return http.post(path, FORM, body, headers);
    }
}
