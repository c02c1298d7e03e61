/**
 * Real servers for the local stack and the integration tests, with no Docker and nothing installed:
 * {@link io.customerinfo.embedded.KafkaBroker} (a KRaft broker in this JVM),
 * {@link io.customerinfo.embedded.RedisServer} (a {@code redis-server} child process) and
 * {@link io.customerinfo.embedded.RedisClusterServers} (three cluster masters).
 *
 * <pre>{@code
 * @TempDir static Path dir;
 * static KafkaBroker kafka;
 * static RedisServer redis;
 *
 * @BeforeAll static void servers() {
 *     kafka = KafkaBroker.start(dir.resolve("kafka"), 0);
 *     kafka.createTopics(List.of("crm.customer", "crm.order"), 6, KafkaBroker.COMPACTED);
 *     redis = RedisServer.startWithAof(dir.resolve("redis"));
 *     // spring.kafka.bootstrap-servers = kafka.bootstrapServers(), REDIS_URL = redis.url()
 * }
 *
 * @AfterAll static void stop() { redis.stop(); kafka.stop(); }
 * }</pre>
 */
package io.customerinfo.embedded;
