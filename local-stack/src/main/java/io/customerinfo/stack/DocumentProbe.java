package io.customerinfo.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Asks the query API for a customer the way a legacy client does (form field {@code cid}, API key header). */
final class DocumentProbe {

    private final URI endpoint;
    private final String apiKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    DocumentProbe(URI queryBaseUrl, String apiKey) {
        this.endpoint = queryBaseUrl.resolve("/crm/customer/info");
        this.apiKey = apiKey;
    }

    /** The response: HTTP status and body. */
    HttpResponse<String> fetch(String customerId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(2))
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cid=" + customerId, StandardCharsets.UTF_8))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits until the customer's document is served (HTTP 200, errCode 1000). */
    void awaitDocument(String customerId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = fetch(customerId);
                if (response.statusCode() == 200 && response.body().startsWith("{\"errCode\":1000,")) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for customer " + customerId, e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for customer " + customerId, e);
            }
        }
        throw new IllegalStateException("customer " + customerId + " not served by " + endpoint + " after "
                + timeout.toSeconds() + " s; last answer: " + last);
    }
}
