package io.customerinfo.projector.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.customerinfo.readmodel.RedisConnection;

/**
 * Everything the projector can be told, bound from {@code projector.*} (see {@code application.yml} for the
 * environment variables that feed it). Defaults are the production values.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code KAFKA_BOOTSTRAP_SERVERS}, default {@code localhost:9092})
 * @param groupId consumer group id ({@code PROJECTOR_GROUP_ID}, default {@code customer-info-projector})
 * @param concurrency consumer threads in this instance ({@code PROJECTOR_CONCURRENCY}, default 2: one thread computes while
 *     another waits on Redis)
 * @param topics the five source topic names (default {@code crm.customer}, ... {@code crm.order})
 * @param deadLetterSuffix appended to a source topic to name its dead-letter topic (default {@code .dlt})
 * @param redisUrl single Redis server ({@code REDIS_URL}, default {@code redis://localhost:6379})
 * @param redisClusterNodes when non-empty, a Redis Cluster is used instead ({@code REDIS_CLUSTER_NODES},
 *     comma-separated {@code host:port})
 * @param redisTimeout socket and connect timeout of Redis commands (default 2 s)
 * @param generation the generation to write; {@code null} (default) writes the one named by {@code cinfo:active}
 *     ({@code PROJECTOR_GENERATION}, for rebuilds)
 * @param zone the zone whose calendar month is "this month" ({@code PROJECTOR_ZONE}, default Asia/Shanghai)
 * @param maxPollRecords records per poll (default 2000)
 * @param pollTimeout longest wait of one poll; also bounds how long shutdown waits (default 500 ms)
 * @param casMaxAttempts attempts per customer and batch before the batch is retried as a whole (default 5)
 * @param backoffInitial first pause after Redis or the broker failed (default 200 ms)
 * @param backoffMax cap of the exponential back-off (default 5 s)
 * @param positionAuditInterval how often an idle consumer checks that Redis still holds the positions it wrote,
 *     so that writes Redis lost on a restart are replayed (default 1 s)
 * @param ownerIndexBuckets number of owner-index hashes per generation (default 1024)
 * @param recentSlack extra recent-index entries loaded beyond 10 + changed orders (default 2)
 * @param generationCheckInterval how often live consumers re-read which generation to write, so that they follow a
 *     rebuild's hand-over (default 250 ms)
 */
@ConfigurationProperties("projector")
public record ProjectorSettings(
        @DefaultValue("localhost:9092") String bootstrapServers,
        @DefaultValue("customer-info-projector") String groupId,
        @DefaultValue("2") int concurrency,
        @DefaultValue Topics topics,
        @DefaultValue(".dlt") String deadLetterSuffix,
        @DefaultValue("redis://localhost:6379") String redisUrl,
        @DefaultValue("") String redisClusterNodes,
        @DefaultValue("2s") Duration redisTimeout,
        Integer generation,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("2000") int maxPollRecords,
        @DefaultValue("500ms") Duration pollTimeout,
        @DefaultValue("5") int casMaxAttempts,
        @DefaultValue("200ms") Duration backoffInitial,
        @DefaultValue("5s") Duration backoffMax,
        @DefaultValue("1s") Duration positionAuditInterval,
        @DefaultValue("1024") int ownerIndexBuckets,
        @DefaultValue("2") int recentSlack,
        @DefaultValue("250ms") Duration generationCheckInterval,
        @DefaultValue Map<String, String> consumer) {

    /**
     * @param customer customer topic ({@code TOPIC_CUSTOMER})
     * @param contact contact topic ({@code TOPIC_CONTACT})
     * @param address address topic ({@code TOPIC_ADDRESS})
     * @param invoice invoice topic ({@code TOPIC_INVOICE})
     * @param order order topic ({@code TOPIC_ORDER})
     */
    public record Topics(
            @DefaultValue("crm.customer") String customer,
            @DefaultValue("crm.contact") String contact,
            @DefaultValue("crm.address") String address,
            @DefaultValue("crm.invoice") String invoice,
            @DefaultValue("crm.order") String order) {

        public List<String> all() {
            return List.of(customer, contact, address, invoice, order);
        }
    }

    public ProjectorSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("projector.concurrency must be >= 1, was " + concurrency);
        }
        if (casMaxAttempts < 1) {
            throw new IllegalArgumentException("projector.cas-max-attempts must be >= 1, was " + casMaxAttempts);
        }
        consumer = consumer == null ? Map.of() : Map.copyOf(consumer);
    }

    /** The Redis client's target, with {@code poolSize} connections per node. */
    public RedisConnection redisConnection(int poolSize) {
        return new RedisConnection(URI.create(redisUrl), redisClusterNodes, redisTimeout, poolSize);
    }

    public boolean clusterMode() {
        return redisClusterNodes != null && !redisClusterNodes.isBlank();
    }

    public String deadLetterTopic(String sourceTopic) {
        return sourceTopic + deadLetterSuffix;
    }
}
