package io.customerinfo.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The projector's admin endpoint, driven for {@code ./stack rebuild} ({@link RebuildCommand} parses its options):
 * starts a rebuild (or resumes an unfinished one) and follows it to the end, a progress bar on a terminal, one
 * plain line every few seconds otherwise; shows or cancels the rebuild; re-renders one customer from its stored
 * state. Each action returns the command's exit status.
 */
final class ProjectorAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration FOLLOW_EVERY = Duration.ofMillis(500);
    private static final Duration PLAIN_LINE_EVERY = Duration.ofSeconds(5);

    private final String base;
    private final String key;
    private final PrintStream out;
    private final boolean terminal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ProjectorAdmin(String base, String key, PrintStream out, boolean terminal) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
        this.out = out;
        this.terminal = terminal;
    }

    /** Carries out {@code options}; an I/O failure reaching the projector is thrown. */
    int perform(RebuildOptions options) throws IOException, InterruptedException {
        return switch (options.action()) {
            case STATUS -> status();
            case CANCEL -> cancel();
            case RENDER -> render(options.customer());
            case START -> start(options.follow());
        };
    }

    int start(boolean follow) throws IOException, InterruptedException {
        Answer started = send("POST", "/admin/rebuild");
        if (started.status() == 409) {
            out.println("another rebuild is running: " + summary(started.body()));
            return 3;
        }
        if (started.status() != 202) {
            return refused(started);
        }
        out.println(started.body().path("outcome").asString().toLowerCase() + " rebuild of generation "
                + started.body().path("target_generation").asInt() + " (serving generation "
                + started.body().path("source_generation").asInt() + ")");
        return follow ? follow() : 0;
    }

    int status() throws IOException, InterruptedException {
        Answer answer = send("GET", "/admin/rebuild");
        if (answer.status() == 404) {
            out.println("no rebuild has run");
            return 0;
        }
        if (answer.status() != 200) {
            return refused(answer);
        }
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.body()));
        return 0;
    }

    int cancel() throws IOException, InterruptedException {
        Answer answer = send("DELETE", "/admin/rebuild");
        if (answer.status() == 202) {
            out.println("cancel requested: " + summary(answer.body()));
            return 0;
        }
        if (answer.status() == 409) {
            out.println("nothing to cancel: " + summary(answer.body()));
            return 1;
        }
        return refused(answer);
    }

    int render(String customer) throws IOException, InterruptedException {
        Answer answer = send("POST", "/admin/customers/" + customer + "/render");
        if (answer.status() == 200) {
            out.println("customer " + customer + " rendered again in generation "
                    + answer.body().path("generation").asInt() + ", revision " + answer.body().path("revision").asLong());
            return 0;
        }
        return refused(answer);
    }

    private int follow() throws IOException, InterruptedException {
        long total = -1;
        long lastLine = 0;
        while (true) {
            Answer answer = send("GET", "/admin/rebuild");
            if (answer.status() != 200) {
                return refused(answer);
            }
            JsonNode body = answer.body();
            String status = body.path("status").asString();
            JsonNode progress = body.path("progress");
            long lag = progress.path("total_lag").asLong(0);
            long done = progress.path("done").asLong(0);
            total = Math.max(total, done + lag);
            switch (status) {
                case "DONE" -> {
                    finishLine();
                    out.println("done: " + body.path("message").asString());
                    return 0;
                }
                case "CANCELLED" -> {
                    finishLine();
                    out.println("cancelled: " + body.path("message").asString());
                    return 1;
                }
                default -> {
                }
            }
            String line = ProgressLine.render(status, done, total, progress.path("records_per_second").asLong(0),
                    progress.path("eta_seconds").isNumber() ? progress.path("eta_seconds").asLong() : -1, lag);
            if (terminal) {
                out.print("\r" + line);
                out.flush();
            } else if (System.nanoTime() - lastLine >= PLAIN_LINE_EVERY.toNanos()) {
                lastLine = System.nanoTime();
                out.println(line);
            }
            Thread.sleep(FOLLOW_EVERY.toMillis()); // the refresh rate of the display
        }
    }

    private void finishLine() {
        if (terminal) {
            out.println();
        }
    }

    private int refused(Answer answer) {
        out.println("the projector answered " + answer.status() + ": " + answer.body());
        return 1;
    }

    private static String summary(JsonNode body) {
        return body.path("status").asString("") + " generation " + body.path("target_generation").asInt()
                + (body.path("running_here").asBoolean() ? "" : " (on another instance)");
    }

    private record Answer(int status, JsonNode body) {}

    private Answer send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("X-Admin-Key", key).method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body);
    }
}
