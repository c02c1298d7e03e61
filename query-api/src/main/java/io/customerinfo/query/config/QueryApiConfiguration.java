package io.customerinfo.query.config;

import java.time.Clock;

import io.customerinfo.query.auth.ApiKeyAuthenticator;
import io.customerinfo.query.auth.ApiKeySpec;
import io.customerinfo.query.auth.RateLimiter;
import io.customerinfo.query.cache.ChangeSubscriber;
import io.customerinfo.query.cache.NearCache;
import io.customerinfo.query.consistency.ReadYourWrites;
import io.customerinfo.query.metrics.QueryMetrics;
import io.customerinfo.query.store.ActiveGeneration;
import io.customerinfo.query.store.CustomerDocumentStore;
import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.query.store.RedisCustomerDocumentStore;
import io.customerinfo.readmodel.RedisClients;
import io.customerinfo.readmodel.ServingMonth;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.UnifiedJedis;

/** Wires the read path: Redis -> store -> views; the callers; the clock. */
@Configuration(proxyBeanMethods = false)
public class QueryApiConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(QueryApiConfiguration.class);

    /** The serving clock; tests replace it to move across a month boundary. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    QueryMetrics queryMetrics(MeterRegistry registry) {
        return new QueryMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    UnifiedJedis redis(QueryApiProperties properties) {
        return RedisClients.create(properties.redis().connection());
    }

    @Bean
    CustomerDocumentStore customerDocumentStore(UnifiedJedis redis, QueryMetrics metrics) {
        return new RedisCustomerDocumentStore(redis, metrics);
    }

    @Bean(destroyMethod = "close")
    ActiveGeneration activeGeneration(CustomerDocumentStore store, QueryApiProperties properties) {
        return new ActiveGeneration(store, properties.generationRefresh());
    }

    @Bean
    NearCache nearCache(QueryApiProperties properties, MeterRegistry registry) {
        QueryApiProperties.Cache cache = properties.cache();
        return new NearCache(cache.maxEntries(), cache.maxBytes().toBytes(), registry);
    }

    /** Absent when the cache is off; else it enables the cache once the announcements are heard. */
    @Bean(destroyMethod = "close")
    @ConditionalOnBooleanProperty(name = "query.cache.enabled", matchIfMissing = true)
    ChangeSubscriber changeSubscriber(QueryApiProperties properties, NearCache cache, ReadYourWrites readYourWrites) {
        QueryApiProperties.Cache settings = properties.cache();
        return new ChangeSubscriber(properties.redis().connection(), cache, readYourWrites::announced,
                settings.heartbeat(), settings.heartbeatTimeout());
    }

    /** Waits of requests that name changes; woken by the announcements, or by its own rechecks without them. */
    @Bean(destroyMethod = "close")
    ReadYourWrites readYourWrites(CustomerViews views, QueryApiProperties properties, MeterRegistry registry) {
        QueryApiProperties.ReadYourWrites settings = properties.readYourWrites();
        return new ReadYourWrites(views, settings.maxWait(), settings.recheck(), settings.maxWaiting(), registry);
    }

    @Bean
    CustomerViews customerViews(CustomerDocumentStore store, ActiveGeneration generation, Clock clock,
            QueryApiProperties properties, NearCache cache) {
        return new CustomerViews(store, generation, new ServingMonth(clock, properties.zone()),
                properties.cache().enabled() ? cache : null);
    }

    @Bean
    ApiKeyAuthenticator apiKeyAuthenticator(QueryApiProperties properties) {
        QueryApiProperties.RateLimit limit = properties.rateLimit();
        java.util.function.Function<Double, RateLimiter> limiterFor = perSecond -> {
            if (!limit.enabled()) {
                return RateLimiter.unlimited();
            }
            double rate = perSecond != null ? perSecond : limit.perSecond();
            int burst = perSecond != null ? Math.max(1, (int) Math.ceil(perSecond)) : limit.burst();
            return RateLimiter.of(rate, burst, System::nanoTime);
        };
        var keys = ApiKeySpec.parseAll(properties.auth().keys(), limiterFor);
        if (properties.auth().enabled() && keys.isEmpty()) {
            log.warn("Authentication is on and no API key is configured (QUERY_API_KEYS): every request gets 1401");
        }
        if (!properties.auth().enabled()) {
            log.warn("Authentication is off: every caller may read every org's customers");
        }
        return new ApiKeyAuthenticator(properties.auth().enabled(), keys, limiterFor.apply(null));
    }
}
