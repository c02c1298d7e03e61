package io.customerinfo.projector.it;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.customerinfo.embedded.KafkaBroker;
import io.customerinfo.embedded.RedisServer;
import redis.clients.jedis.JedisPooled;

/**
 * The world of an IT class that runs projectors on one Redis: the shared broker, a {@code redis-server} of its
 * own (started before the class, stopped after it, emptied before each test) and a client on it. Test classes
 * run one after another, so the fields belong to the class running.
 */
abstract class WithBrokerAndRedis {

    static Path dir;
    static KafkaBroker broker;
    static RedisServer redis;
    static JedisPooled jedis;

    @BeforeAll
    static void startRedis() {
        dir = SharedBroker.tempDir("it-");
        broker = SharedBroker.get();
        redis = RedisServer.builder().dataDir(dir.resolve("redis")).start();
        jedis = new JedisPooled(redis.hostAndPort());
    }

    @AfterAll
    static void stopRedis() {
        if (jedis != null) {
            jedis.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void emptyRedis() {
        jedis.flushAll();
    }

    /** A fresh name for one test's topics and consumer group. */
    static String run(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }
}
