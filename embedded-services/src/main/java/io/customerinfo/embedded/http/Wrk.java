package io.customerinfo.embedded.http;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load with <a href="https://github.com/wg/wrk">wrk</a> for the benchmarks and the fault suite: runs
 * {@code wrk --latency}, reads requests/s, p50, p99, the request count and the failures from its report, and
 * writes the Lua script that spreads requests over a list of customers.
 */
public final class Wrk {

    /** The request method of a {@link #spreadScript}: {@code GET} with the values in the query string, or a form {@code POST}. */
    public enum Method { GET, POST }

    /**
     * One wrk run. {@code non2xx}: answers other than 2xx/3xx; {@code socketErrors}: connect, read, write and
     * timeout errors; {@code report}: wrk's whole output.
     */
    public record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long non2xx,
            long socketErrors, String report) {

        /** Non-2xx/3xx answers plus socket errors. */
        public long failures() {
            return non2xx + socketErrors;
        }
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final Path wrk;
    private final int threads;
    private final int connections;
    private final Duration timeout;

    /** {@code timeout}: wrk's {@code --timeout} (whole seconds), after which a request counts as a socket error. */
    public Wrk(Path wrk, int threads, int connections, Duration timeout) {
        this.wrk = wrk;
        this.threads = threads;
        this.connections = connections;
        this.timeout = timeout;
    }

    /** The {@code wrk} executable on the {@code PATH}, if there is one. */
    public static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, "wrk")).filter(Files::isExecutable).findFirst();
    }

    /** Runs wrk for {@code duration} against {@code url}, with {@code script} when present. */
    public Result run(URI url, Optional<Path> script, Duration duration) {
        List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                "-d" + duration.toSeconds() + "s", "--timeout", timeout.toSeconds() + "s", "--latency"));
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

    /** Reads a {@code wrk --latency} report; one without {@code Requests/sec} or the percentiles is an error. */
    public static Result parse(String out) {
        Matcher rps = RPS.matcher(out);
        if (!rps.find()) {
            throw new IllegalStateException("no Requests/sec in the wrk report:\n" + out);
        }
        Matcher non2xx = NON_2XX.matcher(out);
        long non2xxCount = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        long socketErrors = 0;
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        Matcher requests = REQUESTS.matcher(out);
        return new Result(Double.parseDouble(rps.group(1)), percentile(out, "50%"), percentile(out, "99%"),
                requests.find() ? Long.parseLong(requests.group(1)) : 0, non2xxCount, socketErrors, out);
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
     * Writes to {@code file} a wrk script whose every request carries {@code headers} and {@code perRequest}
     * values picked at random from {@code values}, joined by commas, as the parameter {@code param} of
     * {@code path}: in the query string for {@link Method#GET}, in a form body for {@link Method#POST}.
     */
    public static Path spreadScript(Path file, Method method, String path, String param, int perRequest,
            List<String> values, Map<String, String> headers) {
        if (values.isEmpty() || perRequest < 1) {
            throw new IllegalArgumentException("a spread script needs values and at least one per request");
        }
        StringBuilder lua = new StringBuilder("local values = {");
        for (int i = 0; i < values.size(); i++) {
            lua.append(i % 20 == 0 ? "\n  " : " ").append(luaString(values.get(i))).append(',');
        }
        lua.append("\n}\nlocal headers = {");
        headers.forEach((name, value) -> lua.append(" [").append(luaString(name)).append("] = ").append(luaString(value)).append(','));
        if (method == Method.POST) {
            lua.append(" [\"Content-Type\"] = \"application/x-www-form-urlencoded\",");
        }
        lua.append(" }\nlocal per_request = ").append(perRequest).append('\n');
        lua.append("""
                function init(args)
                  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
                end
                function request()
                  local pick = {}
                  for i = 1, per_request do pick[i] = values[math.random(#values)] end
                  local param = PARAM .. "=" .. table.concat(pick, ",")
                """.replace("PARAM", luaString(param)));
        lua.append(method == Method.GET
                ? "  return wrk.format(\"GET\", " + luaString(path + "?") + " .. param, headers)\n"
                : "  return wrk.format(\"POST\", " + luaString(path) + ", headers, param)\n");
        lua.append("end\n");
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.writeString(file, lua, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String luaString(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
