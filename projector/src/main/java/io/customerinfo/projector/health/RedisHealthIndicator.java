package io.customerinfo.projector.health;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.customerinfo.projector.config.ProjectorSettings;
import redis.clients.jedis.UnifiedJedis;

/** Up when Redis (one server, or the cluster node that owns {@code cinfo:active}) answers. */
public final class RedisHealthIndicator extends AbstractHealthIndicator {

    private final UnifiedJedis redis;
    private final ProjectorSettings settings;

    public RedisHealthIndicator(UnifiedJedis redis, ProjectorSettings settings) {
        super("Redis is not reachable");
        this.redis = redis;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String active = redis.get(io.customerinfo.readmodel.RedisKeys.ACTIVE);
        builder.up()
                .withDetail("mode", settings.clusterMode() ? "cluster" : "single")
                .withDetail("activeGeneration", active == null ? "none" : active);
    }
}
