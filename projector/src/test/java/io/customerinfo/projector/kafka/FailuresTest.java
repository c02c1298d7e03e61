package io.customerinfo.projector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.customerinfo.projector.projection.BatchProjection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class FailuresTest {

    @Test
    void anUnreachableOrRecoveringRedisIsTheInfrastructures() {
        assertThat(Failures.isUnavailable(new JedisConnectionException("Read timed out"))).isTrue();
        assertThat(Failures.isUnavailable(new IllegalStateException("script commit failed",
                new JedisDataException("LOADING Redis is loading the dataset in memory")))).isTrue();
        assertThat(Failures.isUnavailable(new JedisDataException("OOM command not allowed"))).isTrue();
        assertThat(Failures.isUnavailable(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(Failures.isUnavailable(new BatchProjection.ContendedException(Set.of(1L), 3))).isTrue();
    }

    @Test
    void anythingElseIsOurs() {
        assertThat(Failures.isUnavailable(new IllegalStateException("script commit failed",
                new JedisDataException("ERR user_script:12: attempt to compare nil with number")))).isFalse();
        assertThat(Failures.isUnavailable(new ArithmeticException("long overflow"))).isFalse();
        assertThat(Failures.isUnavailable(new NullPointerException())).isFalse();
        assertThat(Failures.isUnavailable(new StackOverflowError())).isFalse();
    }
}
