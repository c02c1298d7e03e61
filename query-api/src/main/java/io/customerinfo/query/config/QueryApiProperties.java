package io.customerinfo.query.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.customerinfo.readmodel.RedisConnection;

/**
 * All settings of the query API. {@code application.properties} maps the deployment's environment
 * variables (REDIS_URL, QUERY_API_KEYS, ...) onto these names; the defaults below apply when
 * neither is set.
 *
 * @param redis where the stored views are and how long to wait for them
 * @param auth API keys and whether they are required
 * @param rateLimit the per-caller token bucket
 * @param compat switches for legacy clients
 * @param zone the zone whose calendar month selects {@code purchase_amount} (default Asia/Shanghai)
 * @param maxBodySize request bodies over this are answered 1413 (default 16KB)
 * @param bodyTimeout a request body not complete after this is answered 1408 and the connection
 *     closed (default 5s); bodies are read without holding a request thread
 * @param maxBatchSize most cids in one batch_info request (default 100)
 * @param generationRefresh how often the active generation marker is re-read (default 1s)
 * @param cache the near cache of stored views
 * @param readYourWrites how long requests naming changes ({@code X-Reflects}) may wait for them
 */
@ConfigurationProperties("query")
public record QueryApiProperties(
        @DefaultValue Redis redis,
        @DefaultValue Auth auth,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Compat compat,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue("5s") Duration bodyTimeout,
        @DefaultValue("100") int maxBatchSize,
        @DefaultValue("1s") Duration generationRefresh,
        @DefaultValue Cache cache,
        @DefaultValue ReadYourWrites readYourWrites) {

    /**
     * @param url single-server URL, {@code redis://[user:password@]host:port[/db]} (default redis://localhost:6379)
     * @param clusterNodes comma-separated {@code host:port} seeds; when set, {@code url} is ignored and
     *     a Redis Cluster client is used
     * @param timeout bound on each wait for Redis (pool borrow, connect, read); over it the request is
     *     answered 1503 (default 200ms)
     * @param poolSize connections per Redis node (default 16)
     */
    public record Redis(
            @DefaultValue("redis://localhost:6379") URI url,
            @DefaultValue("") String clusterNodes,
            @DefaultValue("200ms") Duration timeout,
            @DefaultValue("16") int poolSize) {

        public boolean cluster() {
            return clusterNodes != null && !clusterNodes.isBlank();
        }

        public RedisConnection connection() {
            return new RedisConnection(url, clusterNodes, timeout, poolSize);
        }
    }

    /**
     * @param enabled whether requests need an API key (default true)
     * @param keys the callers, {@code name:sha256hex:orgs[:perSecond]} separated by {@code ;}, where
     *     orgs is {@code *} (all) or org ids separated by {@code ,} and the optional last field
     *     overrides the rate limit of that caller
     */
    public record Auth(@DefaultValue("true") boolean enabled, @DefaultValue("") String keys) {
    }

    /**
     * @param enabled whether callers are rate limited (default true)
     * @param perSecond sustained requests per second per caller (default 50000: above what one caller
     *     reaches on 2 cores, so that a benchmark is not throttled)
     * @param burst requests a caller may send at once above the sustained rate (default 50000)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("50000") double perSecond,
            @DefaultValue("50000") int burst) {
    }

    /**
     * @param enabled whether stored views are served from memory, evicted on the projector's announcements
     *     (default true)
     * @param maxEntries most views kept (default 100000)
     * @param maxBytes most bytes kept, views plus a fixed overhead each (default 256MB: 100,000 views of up to
     *     about 2.5 KB, within the 512 MiB heap)
     * @param heartbeat how often the announcement connection is PINGed (default 200ms)
     * @param heartbeatTimeout without an answer for this long, the cache is emptied and bypassed until the
     *     connection is back (default 500ms): the longest a silently lost connection can leave a stale view served
     */
    public record Cache(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("100000") long maxEntries,
            @DefaultValue("256MB") DataSize maxBytes,
            @DefaultValue("200ms") Duration heartbeat,
            @DefaultValue("500ms") Duration heartbeatTimeout) {
    }

    /**
     * @param maxWait the longest a request naming changes waits for them, and its wait when it names none
     *     (default 2s); 0 answers such requests at once, saying whether the document reflects the changes
     * @param recheck when a waiting request is first checked again if no announcement wakes it (default 100ms),
     *     then at doubling intervals up to 1 s: what a lost announcement can delay it by
     * @param maxWaiting most requests waiting at once (default 10000); beyond it requests are answered at once
     */
    public record ReadYourWrites(
            @DefaultValue("2s") Duration maxWait,
            @DefaultValue("100ms") Duration recheck,
            @DefaultValue("10000") int maxWaiting) {
    }

    /** @param alwaysHttp200 answer every envelope, errors included, with HTTP 200 (default false) */
    public record Compat(@DefaultValue("false") boolean alwaysHttp200) {
    }
}
