package io.customerinfo.query.cache;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;

import io.customerinfo.readmodel.StoredView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The stored views the API served recently, kept exactly as fresh as Redis: the projector announces every view it
 * commits ({@code ChangeAnnouncement}) and {@link #evict} drops it; while the announcements cannot be heard (not
 * yet subscribed, connection lost, heartbeat unanswered) the cache is empty and bypassed.
 *
 * <p>A read that misses races the announcements: it may read the old view from Redis just before a commit and
 * store it just after the commit's eviction. So a miss takes a {@link #ticket} before it reads Redis, and
 * {@link #offer} stores the view and then takes it back out if the ticket changed meanwhile. A ticket is the sum of
 * a counter of the customer's stripe, raised by every announcement of a customer in it, and a global epoch,
 * raised whenever the cache is disabled or enabled; both only grow, so the sum changes when either does. An
 * announcement raises the counter before it evicts, so every interleaving ends with either the new view cached or
 * nothing cached.
 *
 * <p>Bounded by entries and by bytes at once: each entry weighs at least {@code maxBytes / maxEntries}, so that the
 * byte bound also bounds the count. The entries are of one generation: reading another one (a rebuild switched the
 * active generation) empties the cache.
 */
public final class NearCache {

    /** Per entry beyond the view's bytes: the key, the view object, the cache's node. */
    static final int ENTRY_OVERHEAD = 160;
    private static final int STRIPES = 4096;

    private record Key(long generation, String customerId) {
    }

    private final Cache<Key, StoredView> cache;
    private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
    private final AtomicLong epoch = new AtomicLong();
    private final int minimumWeight;
    private volatile boolean enabled;
    private volatile long generation = Long.MIN_VALUE;

    private final Counter hits;
    private final Counter misses;
    private final Counter bypassed;
    private final Counter announcementEvictions;
    private final Counter sizeEvictions;
    private final Timer announcementLag;

    public NearCache(long maxEntries, long maxBytes, MeterRegistry registry) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("the near cache needs at least one entry and one byte, got "
                    + maxEntries + " entries and " + maxBytes + " bytes");
        }
        this.minimumWeight = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / maxEntries));
        this.sizeEvictions = Counter.builder("query.cache.evictions").tag("cause", "size")
                .description("Entries dropped from the near cache").register(registry);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, StoredView v) -> weight(v))
                .executor(Runnable::run)
                .evictionListener((k, v, cause) -> {
                    if (cause.wasEvicted()) {
                        sizeEvictions.increment();
                    }
                })
                .build();
        this.hits = lookups("hit", registry);
        this.misses = lookups("miss", registry);
        this.bypassed = lookups("bypass", registry);
        this.announcementEvictions = Counter.builder("query.cache.evictions").tag("cause", "announcement")
                .description("Entries dropped from the near cache").register(registry);
        this.announcementLag = Timer.builder("query.cache.announcement.lag")
                .description("From the projector's commit of a view to the API's eviction of its entry")
                .publishPercentileHistogram()
                .minimumExpectedValue(java.time.Duration.ofNanos(100_000))
                .maximumExpectedValue(java.time.Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder("query.cache.entries", cache, Cache::estimatedSize)
                .description("Views in the near cache").register(registry);
        Gauge.builder("query.cache.bytes", this, NearCache::weightedBytes).baseUnit("bytes")
                .description("What the near cache's entries weigh (view bytes plus a fixed overhead each)")
                .register(registry);
        Gauge.builder("query.cache.enabled", this, c -> c.enabled ? 1 : 0)
                .description("1 while the announcements are heard and the cache is used, 0 while it is bypassed")
                .register(registry);
    }

    private static Counter lookups(String result, MeterRegistry registry) {
        return Counter.builder("query.cache.lookups").tag("result", result)
                .description("Near cache lookups: hit, miss (read from Redis), bypass (cache off)").register(registry);
    }

    private int weight(StoredView view) {
        return Math.max(minimumWeight, view.bytes().length + ENTRY_OVERHEAD);
    }

    /** The cached view, or null: on a miss, and always while the cache is disabled. */
    public StoredView get(long generation, String customerId) {
        if (!enabled) {
            bypassed.increment();
            return null;
        }
        if (generation != this.generation) {
            switchTo(generation);
        }
        StoredView view = cache.getIfPresent(new Key(generation, customerId));
        (view == null ? misses : hits).increment();
        return view;
    }

    private synchronized void switchTo(long next) {
        if (next != generation) {
            generation = next;
            cache.invalidateAll();
        }
    }

    /** Taken before a miss reads Redis, handed back to {@link #offer}. */
    public long ticket(String customerId) {
        return epoch.get() + stripes.get(stripe(customerId));
    }

    /** Caches {@code view} read with {@code ticket}, unless an announcement or a disconnect came in between. */
    public void offer(long generation, String customerId, long ticket, StoredView view) {
        if (!enabled || generation != this.generation) {
            return;
        }
        Key key = new Key(generation, customerId);
        cache.put(key, view);
        if (!enabled || ticket(customerId) != ticket) {
            cache.asMap().remove(key, view);
        }
    }

    /** An announcement: the customer's view changed in Redis at {@code committedAtMillis}. */
    public void evict(long generation, String customerId, long committedAtMillis) {
        stripes.incrementAndGet(stripe(customerId));
        if (cache.asMap().remove(new Key(generation, customerId)) != null) {
            announcementEvictions.increment();
        }
        announcementLag.record(Math.max(0, System.currentTimeMillis() - committedAtMillis), TimeUnit.MILLISECONDS);
    }

    /**
     * A reader saw {@code newer} in Redis ahead of its announcement (read-your-writes reads Redis directly): an
     * older cached view of the customer goes now, so that no later read is served a view older than one already
     * answered. Its announcement still comes and evicts as usual.
     */
    public void supersede(long generation, String customerId, StoredView newer) {
        cache.asMap().computeIfPresent(new Key(generation, customerId),
                (key, cached) -> cached.rev() < newer.rev() ? null : cached);
    }

    /** The announcements are heard (again): start caching, from empty. */
    public void enable() {
        epoch.incrementAndGet();
        cache.invalidateAll();
        enabled = true;
    }

    /** The announcements may be missed: empty the cache and bypass it until {@link #enable}. */
    public void disable() {
        enabled = false;
        epoch.incrementAndGet();
        cache.invalidateAll();
    }

    public boolean enabled() {
        return enabled;
    }

    public long entries() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public long weightedBytes() {
        Optional<Policy.Eviction<Key, StoredView>> eviction = cache.policy().eviction();
        return eviction.isPresent() ? eviction.get().weightedSize().orElse(0L) : 0L;
    }

    private static int stripe(String customerId) {
        return (customerId.hashCode() & 0x7fffffff) % STRIPES;
    }
}
