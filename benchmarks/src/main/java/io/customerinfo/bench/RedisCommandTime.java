package io.customerinfo.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import redis.clients.jedis.Jedis;

/**
 * Where Redis spends its time, by command ({@code INFO commandstats}, the difference of two snapshots, so that a
 * given Redis keeps its own statistics): which share of a record's Redis cost is the whole-view write, the state
 * loads, the index reads. Commands a script runs are counted both on their own and inside the script's
 * {@code evalsha} time. Times are Redis's wall time inside each command: on a busy machine they include the moments
 * Redis waited for the CPU.
 */
final class RedisCommandTime {

    /** One command's calls and microseconds. */
    record Command(String name, long calls, long micros) {
    }

    private RedisCommandTime() {
    }

    /** Every command's calls and time so far. */
    static List<Command> read(Jedis jedis) {
        return parse(jedis.info("commandstats"));
    }

    /** What each command did between two snapshots, the most time first; commands that did nothing are left out. */
    static List<Command> since(List<Command> before, List<Command> after) {
        Map<String, Command> earlier = new LinkedHashMap<>();
        before.forEach(c -> earlier.put(c.name(), c));
        List<Command> delta = new ArrayList<>();
        for (Command c : after) {
            Command b = earlier.getOrDefault(c.name(), new Command(c.name(), 0, 0));
            if (c.calls() > b.calls()) {
                delta.add(new Command(c.name(), c.calls() - b.calls(), c.micros() - b.micros()));
            }
        }
        delta.sort(Comparator.comparingLong(Command::micros).reversed());
        return delta;
    }

    static List<Command> parse(String info) {
        List<Command> commands = new ArrayList<>();
        for (String line : info.lines().toList()) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.substring(line.indexOf(':') + 1).split(",")) {
                int eq = pair.indexOf('=');
                fields.put(pair.substring(0, eq), pair.substring(eq + 1).trim());
            }
            commands.add(new Command(name, Long.parseLong(fields.get("calls")), Long.parseLong(fields.get("usec"))));
        }
        commands.sort(Comparator.comparingLong(Command::micros).reversed());
        return commands;
    }

    /** "evalsha 31.2 µs (0.52 calls), hgetall 9.8 µs (1.04 calls), ...": time and calls per record, the top {@code limit}. */
    static String perRecord(List<Command> commands, long records, int limit) {
        return commands.stream().limit(limit)
                .map(c -> String.format(Locale.ROOT, "%s %.1f µs (%.2f calls)", c.name(), c.micros() / (double) records,
                        c.calls() / (double) records))
                .collect(Collectors.joining(", "));
    }
}
