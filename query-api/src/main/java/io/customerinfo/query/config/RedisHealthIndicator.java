package io.customerinfo.query.config;

import io.customerinfo.query.store.CustomerDocumentStore;
import io.customerinfo.query.store.StoreUnavailableException;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Health component {@code redis}: up while the store answers a ping within the timeout. */
@Component("redisHealthIndicator")
class RedisHealthIndicator extends AbstractHealthIndicator {

    private final CustomerDocumentStore store;

    RedisHealthIndicator(CustomerDocumentStore store) {
        super("Redis health check failed");
        this.store = store;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        try {
            store.ping();
            builder.up();
        } catch (StoreUnavailableException e) {
            builder.down().withDetail("error", e.getMessage());
        }
    }
}
