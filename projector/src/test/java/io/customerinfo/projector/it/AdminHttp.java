package io.customerinfo.projector.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Calls a projector's admin endpoint the way an operator (or {@code ./stack rebuild}) does. */
final class AdminHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> progress() {
            return (Map<String, Object>) body.get("progress");
        }
    }

    private final int port;
    private final String key;

    AdminHttp(int port, String key) {
        this.port = port;
        this.key = key;
    }

    AdminHttp withKey(String other) {
        return new AdminHttp(port, other);
    }

    Answer post(String path) {
        return send("POST", path);
    }

    Answer get(String path) {
        return send("GET", path);
    }

    Answer delete(String path) {
        return send("DELETE", path);
    }

    /** The rebuild's status field, or NONE. */
    String rebuildStatus() {
        return String.valueOf(get("/admin/rebuild").body().get("status"));
    }

    String text(String path) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Answer send(String method, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> body = response.body().isBlank() ? Map.of()
                    : JSON.readValue(response.body(), Map.class);
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
