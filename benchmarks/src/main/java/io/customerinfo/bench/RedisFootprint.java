package io.customerinfo.bench;

import java.util.ArrayList;
import java.util.List;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Redis memory and the stored documents (#6), and the customers that have one (#4, #5). */
final class RedisFootprint {

    /** Stored views ({@code cinfo:g1:{cid}:doc}): how many, their total bytes, and up to {@code keep} of their cids. */
    record Documents(long count, long bytes, List<String> cids) {
        double averageBytes() {
            return count == 0 ? Double.NaN : (double) bytes / count;
        }
    }

    private RedisFootprint() {
    }

    /** {@code used_memory} of {@code INFO memory}. */
    static long usedMemory(Jedis jedis) {
        return jedis.info("memory").lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim()))
                .orElseThrow(() -> new IllegalStateException("INFO memory has no used_memory"));
    }

    /** {@code used_cpu_sys + used_cpu_user} of {@code INFO cpu}: the server's CPU seconds so far. */
    static double cpuSeconds(Jedis jedis) {
        double total = 0;
        for (String line : jedis.info("cpu").lines().toList()) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return total;
    }

    static Documents documents(Jedis jedis, int keep) {
        String pattern = "cinfo:g" + ProjectorPositions.GENERATION + ":{*}:doc";
        ScanParams params = new ScanParams().match(pattern).count(2000);
        String cursor = ScanParams.SCAN_POINTER_START;
        long count = 0;
        long bytes = 0;
        List<String> cids = new ArrayList<>();
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            cursor = page.getCursor();
            Pipeline pipeline = jedis.pipelined();
            List<Response<Long>> lengths = new ArrayList<>();
            for (String key : page.getResult()) {
                lengths.add(pipeline.strlen(key));
                if (cids.size() < keep) {
                    cids.add(key.substring(key.indexOf('{') + 1, key.indexOf('}')));
                }
            }
            pipeline.sync();
            for (Response<Long> length : lengths) {
                bytes += length.get();
            }
            count += lengths.size();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return new Documents(count, bytes, cids);
    }

    /** Empties Redis and marks generation 1 active, as a projector on a fresh Redis would. */
    static void reset(BenchServers servers) {
        try (Jedis jedis = servers.redis()) {
            jedis.flushAll();
            jedis.set("cinfo:active", ProjectorPositions.GENERATION);
        }
    }
}
