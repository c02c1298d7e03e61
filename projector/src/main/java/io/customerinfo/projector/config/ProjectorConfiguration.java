package io.customerinfo.projector.config;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.customerinfo.projector.health.KafkaHealthIndicator;
import io.customerinfo.projector.health.RedisHealthIndicator;
import io.customerinfo.projector.kafka.ProjectorWorkers;
import io.customerinfo.projector.metrics.ProjectorMetrics;
import io.customerinfo.readmodel.RedisClients;
import io.micrometer.core.instrument.MeterRegistry;
import redis.clients.jedis.UnifiedJedis;

/** The projector's infrastructure beans; all settings come from {@link ProjectorSettings}. */
@Configuration(proxyBeanMethods = false)
public class ProjectorConfiguration {

    /** Wall clock of {@code _cache_at} and "this month"; tests register a fixed one before this is evaluated. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    UnifiedJedis redis(ProjectorSettings settings) {
        // live loops, a rebuild's loops and the admin endpoint
        return RedisClients.create(settings.redisConnection(settings.concurrency() * 4 + 6));
    }

    @Bean(destroyMethod = "close")
    Producer<byte[], byte[]> deadLetterProducer(ProjectorSettings settings) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-dead-letters");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one request in flight: after a NOT_LEADER_OR_FOLLOWER on a partition whose leadership is settling, more
        // left the idempotent producer stuck on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a rejected record may be an oversized one: the dead-letter copy must fit
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Bean(destroyMethod = "close")
    Admin projectorKafkaAdmin(ProjectorSettings settings) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.groupId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
    }

    @Bean
    ProjectorMetrics projectorMetrics(MeterRegistry registry) {
        return new ProjectorMetrics(registry);
    }

    @Bean
    ProjectorWorkers projectorWorkers(ProjectorSettings settings, UnifiedJedis redis,
                                      Producer<byte[], byte[]> deadLetterProducer, ProjectorMetrics metrics,
                                      ProjectorWorkers.HandlerFactory handlers, Admin projectorKafkaAdmin) {
        return new ProjectorWorkers(settings, redis, deadLetterProducer, metrics, handlers, projectorKafkaAdmin);
    }

    @Bean
    RedisHealthIndicator redisHealthIndicator(UnifiedJedis redis, ProjectorSettings settings) {
        return new RedisHealthIndicator(redis, settings);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin projectorKafkaAdmin, ProjectorWorkers workers) {
        return new KafkaHealthIndicator(projectorKafkaAdmin, workers);
    }
}
