package io.customerinfo.projector.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Deletes every key of a generation without blocking Redis: {@code SCAN} with a {@code MATCH} on the generation's
 * prefix, {@code batch} keys at a time, each batch {@code UNLINK}ed (freed in the background) in one pipeline. On a
 * cluster it walks every master node; each key is unlinked on its own, as a multi-key command must stay in one slot.
 */
final class GenerationEraser {

    private static final Logger log = LoggerFactory.getLogger(GenerationEraser.class);

    private final UnifiedJedis redis;
    private final int batch;

    GenerationEraser(UnifiedJedis redis, int batch) {
        this.redis = redis;
        this.batch = batch;
    }

    /** @return the number of keys unlinked */
    long erase(String pattern) {
        if (redis instanceof JedisCluster cluster) {
            long erased = 0;
            for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
                try (Connection connection = node.getValue().getResource()) {
                    Jedis jedis = new Jedis(connection);
                    if (!"master".equals(String.valueOf(jedis.role().get(0)))) {
                        continue;
                    }
                    erased += eraseOnNode(jedis, pattern);
                }
            }
            return erased;
        }
        return eraseSingle(pattern);
    }

    private long eraseSingle(String pattern) {
        ScanParams params = new ScanParams().match(pattern).count(batch);
        String cursor = ScanParams.SCAN_POINTER_START;
        long erased = 0;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                erased += redis.unlink(keys.toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        log.debug("unlinked {} keys matching {}", erased, pattern);
        return erased;
    }

    private long eraseOnNode(Jedis node, String pattern) {
        ScanParams params = new ScanParams().match(pattern).count(batch);
        String cursor = ScanParams.SCAN_POINTER_START;
        long erased = 0;
        do {
            ScanResult<String> page = node.scan(cursor, params);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                Pipeline pipeline = node.pipelined();
                List<redis.clients.jedis.Response<Long>> replies = new ArrayList<>(keys.size());
                for (String key : keys) {
                    replies.add(pipeline.unlink(key));
                }
                pipeline.sync();
                for (redis.clients.jedis.Response<Long> reply : replies) {
                    erased += reply.get();
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        log.debug("unlinked {} keys matching {} on a cluster node", erased, pattern);
        return erased;
    }
}
