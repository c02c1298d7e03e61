package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import redis.clients.jedis.HostAndPort;

class RedisConnectionTest {

    private static final URI LOCAL = URI.create("redis://localhost:6379");

    @Test
    void blankClusterNodesMeanOneServer() {
        assertThat(new RedisConnection(LOCAL, null, Duration.ofSeconds(1), 4).cluster()).isFalse();
        assertThat(new RedisConnection(LOCAL, " ", Duration.ofSeconds(1), 4).cluster()).isFalse();
        assertThat(new RedisConnection(LOCAL, "a:1", Duration.ofSeconds(1), 4).cluster()).isTrue();
    }

    @Test
    void aTimeoutAndAPoolAreRequired() {
        assertThatThrownBy(() -> new RedisConnection(LOCAL, "", Duration.ZERO, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisConnection(LOCAL, "", Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterSeedsAreHostPortPairsInOrder() {
        assertThat(RedisClients.nodes("127.0.0.1:7001, 127.0.0.1:7002,,"))
                .containsExactly(new HostAndPort("127.0.0.1", 7001), new HostAndPort("127.0.0.1", 7002));
        assertThatThrownBy(() -> RedisClients.nodes(" , ")).isInstanceOf(IllegalArgumentException.class);
    }
}
