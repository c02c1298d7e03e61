package io.customerinfo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk --latency} and reads requests/s, p99 and the failures from its report. */
final class Wrk {

    /** One wrk run. {@code failures}: non-2xx/3xx answers plus socket errors. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long failures, String report) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path wrk;
    private final int threads;
    private final int connections;

    Wrk(Path wrk, int threads, int connections) {
        this.wrk = wrk;
        this.threads = threads;
        this.connections = connections;
    }

    Result run(URI url, Optional<Path> script, Duration duration) {
        List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", "5s", "--latency"));
        script.ifPresent(s -> {
            cmd.add("-s");
            cmd.add(s.toString());
        });
        cmd.add(url.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try {
                out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("wrk did not end: " + cmd);
                }
            } finally {
                p.destroyForcibly();
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with " + p.exitValue() + ":\n" + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running wrk", e);
        }
    }

    static Result parse(String out) {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in the wrk report:\n" + out);
        }
        long failures = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            failures += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                failures += Long.parseLong(socket.group(g));
            }
        }
        Matcher requests = REQUESTS.matcher(out);
        return new Result(Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"),
                requests.find() ? Long.parseLong(requests.group(1)) : 0, failures, out);
    }

    /** A line of the latency distribution, e.g. {@code     99%    4.87ms}, in milliseconds. */
    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE)
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no " + label + " latency in the wrk report:\n" + out);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    /**
     * A wrk script that spreads requests for {@code crm/customer/info} over {@code cids}: {@code POST} with the cid
     * in a form body, as the clients send it, or {@code GET} with it in the query string.
     */
    static Path infoScript(Path dir, List<String> cids, BenchOptions.QueryMethod method) {
        String headersAndRequest = switch (method) {
            case GET -> """
                    local headers = { ["X-Api-Key"] = "%s" }
                    local function request_line(cid) return wrk.format("GET", "/crm/customer/info?cid=" .. cid, headers) end
                    """;
            case POST -> """
                    local headers = { ["X-Api-Key"] = "%s", ["Content-Type"] = "application/x-www-form-urlencoded" }
                    local function request_line(cid) return wrk.format("POST", "/crm/customer/info", headers, "cid=" .. cid) end
                    """;
        };
        return write(dir.resolve("info.lua"), cidTable(cids) + headersAndRequest.formatted(AppLauncher.API_KEY) + """
                function init(args)
                  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
                end
                function request()
                  return request_line(cids[math.random(#cids)])
                end
                """);
    }

    /** A wrk script that POSTs {@code batch_info} with {@code size} random cids per request. */
    static Path batchScript(Path dir, List<String> cids, int size) {
        return write(dir.resolve("batch.lua"), cidTable(cids) + """
                local headers = { ["X-Api-Key"] = "%s", ["Content-Type"] = "application/x-www-form-urlencoded" }
                local size = %d
                function init(args)
                  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%%x+)") or "0", 16) %% 100000)
                end
                function request()
                  local pick = {}
                  for i = 1, size do pick[i] = cids[math.random(#cids)] end
                  return wrk.format("POST", "/crm/customer/batch_info", headers, "cids=" .. table.concat(pick, ","))
                end
                """.formatted(AppLauncher.API_KEY, size));
    }

    private static String cidTable(List<String> cids) {
        StringBuilder sb = new StringBuilder("local cids = {");
        for (int i = 0; i < cids.size(); i++) {
            sb.append(i % 20 == 0 ? "\n  " : " ").append('"').append(cids.get(i)).append("\",");
        }
        return sb.append("\n}\n").toString();
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
