package io.customerinfo.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

class RedisServerIT {

    @TempDir
    Path dir;

    @Test
    void startsOnAFreePortAndStops() {
        RedisServer redis = RedisServer.builder().dataDir(dir).start();
        try {
            assertThat(redis.isRunning()).isTrue();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + redis.port());
            assertThat(RedisServer.ping(redis.url())).isTrue();
        } finally {
            redis.stop();
        }
        assertThat(redis.isRunning()).isFalse();
        assertThat(RedisServer.ping(redis.url())).isFalse();
    }

    @Test
    void pingIsFalseForGarbageOrClosedPorts() {
        assertThat(RedisServer.ping("not a url")).isFalse();
        assertThat(RedisServer.ping("redis://127.0.0.1:" + FreePorts.next())).isFalse();
    }

    @Test
    void aKilledServerRestartsFromItsAofWithTheDataAndOnTheSamePort() throws Exception {
        RedisServer redis = RedisServer.startWithAof(dir);
        try {
            int port = redis.port();
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                for (int i = 0; i < 100; i++) {
                    jedis.set("k" + i, "v" + i);
                }
                jedis.hset("h", "f", "中文");
            }
            long pid = redis.pid();

            redis.kill();

            assertThat(redis.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                assertThatThrownBy(jedis::ping).isInstanceOf(JedisConnectionException.class);
            }

            redis.restart();

            assertThat(redis.port()).isEqualTo(port);
            try (Jedis jedis = new Jedis(redis.host(), port)) {
                assertThat(jedis.dbSize()).isEqualTo(101);
                assertThat(jedis.get("k99")).isEqualTo("v99");
                assertThat(jedis.hget("h", "f")).isEqualTo("中文");
            }
            assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("appendonly"));
        } finally {
            redis.stop();
        }
    }

    @Test
    void aCleanStopKeepsTheAofToo() {
        RedisServer redis = RedisServer.startWithAof(dir);
        try {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.set("kept", "yes");
            }
            redis.stop();
            redis.start();
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                assertThat(jedis.get("kept")).isEqualTo("yes");
            }
        } finally {
            redis.stop();
        }
    }

    @Test
    void withoutAofARestartStartsEmpty() {
        RedisServer redis = RedisServer.builder().dataDir(dir).appendOnly(false).start();
        try {
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                jedis.set("gone", "soon");
            }
            redis.restart();
            try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
                assertThat(jedis.exists("gone")).isFalse();
            }
        } finally {
            redis.stop();
        }
    }
}
