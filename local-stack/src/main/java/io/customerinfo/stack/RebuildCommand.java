package io.customerinfo.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./stack rebuild}: drives the projector's admin endpoint. Starts a rebuild (or resumes an unfinished one)
 * and follows it to the end: a progress bar on a terminal, one plain line every few seconds otherwise. Also
 * {@code --status}, {@code --cancel} and {@code --customer <cid>} (re-render one customer from its stored state).
 */
final class RebuildCommand {

    /** The admin key {@code ./stack run} gives the projector unless {@code PROJECTOR_ADMIN_KEY} is set. */
    static final String LOCAL_ADMIN_KEY = "local-admin-key";

    static final String USAGE = """
            usage: stack rebuild [options]   replay the topics into a new generation and switch to it, reads never stop
              --projector URL   the projector's HTTP address (default $PROJECTOR_URL, else http://localhost:8081)
              --key KEY         admin key (default $PROJECTOR_ADMIN_KEY, else the local stack's key)
              --status          show the current or last rebuild and exit
              --cancel          cancel the running rebuild (what it wrote is deleted)
              --customer CID    re-render one customer's document from its stored state (no replay)
              --no-wait         start the rebuild and exit without following it
            exit status: 0 done, 1 failed or cancelled, 2 usage, 3 another rebuild is running
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration FOLLOW_EVERY = Duration.ofMillis(500);
    private static final Duration PLAIN_LINE_EVERY = Duration.ofSeconds(5);

    private final String base;
    private final String key;
    private final PrintStream out;
    private final boolean terminal;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RebuildCommand(String base, String key, PrintStream out, boolean terminal) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.key = key;
        this.out = out;
        this.terminal = terminal;
    }

    static String adminKey(Map<String, String> env) {
        String key = env.get("PROJECTOR_ADMIN_KEY");
        return key == null || key.isBlank() ? LOCAL_ADMIN_KEY : key;
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal) {
        String url = env.getOrDefault("PROJECTOR_URL", "http://localhost:8081");
        String key = adminKey(env);
        String action = "start";
        String customer = null;
        boolean follow = true;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--projector", "--key", "--customer" -> {
                    if (i + 1 >= args.size()) {
                        err.print(arg + " needs a value\n" + USAGE);
                        return 2;
                    }
                    String value = args.get(++i);
                    if (arg.equals("--projector")) {
                        url = value;
                    } else if (arg.equals("--key")) {
                        key = value;
                    } else {
                        action = "customer";
                        customer = value;
                    }
                }
                case "--status" -> action = "status";
                case "--cancel" -> action = "cancel";
                case "--no-wait" -> follow = false;
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return 0;
                }
                default -> {
                    err.print("unknown option '" + arg + "'\n" + USAGE);
                    return 2;
                }
            }
        }
        RebuildCommand command = new RebuildCommand(url, key, out, terminal);
        try {
            return switch (action) {
                case "status" -> command.status();
                case "cancel" -> command.cancel();
                case "customer" -> command.render(customer);
                default -> command.start(follow);
            };
        } catch (IOException e) {
            err.println("cannot reach the projector at " + url + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
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
