package io.customerinfo.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerinfo.query.support.Golden;
import io.customerinfo.readmodel.StoredView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class NearCacheTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();

    private static StoredView view(long rev, String cid) {
        return StoredView.parse(Golden.view(rev, cid, "1", "202006", Golden.MONTHS));
    }

    private NearCache enabled(long maxEntries, long maxBytes) {
        NearCache cache = new NearCache(maxEntries, maxBytes, registry);
        cache.enable();
        return cache;
    }

    private double count(String name, String tag, String value) {
        return registry.get(name).tag(tag, value).counter().count();
    }

    @Test
    void servesWhatWasOfferedUntilItIsAnnounced() {
        NearCache cache = enabled(100, 1 << 20);
        assertThat(cache.get(1, "5")).isNull();
        cache.offer(1, "5", cache.ticket("5"), view(1, "5"));
        assertThat(cache.get(1, "5")).isEqualTo(view(1, "5"));
        cache.evict(1, "5", System.currentTimeMillis());
        assertThat(cache.get(1, "5")).isNull();
        assertThat(count("query.cache.lookups", "result", "hit")).isEqualTo(1);
        assertThat(count("query.cache.lookups", "result", "miss")).isEqualTo(2);
        assertThat(count("query.cache.evictions", "cause", "announcement")).isEqualTo(1);
        assertThat(registry.get("query.cache.announcement.lag").timer().count()).isEqualTo(1);
    }

    @Test
    void aViewReadBeforeAnAnnouncementAndOfferedAfterItIsNotKept() {
        NearCache cache = enabled(100, 1 << 20);
        cache.get(1, "5");
        long ticket = cache.ticket("5");     // the miss reads Redis: the old view
        cache.evict(1, "5", 0);              // the commit's announcement arrives before the miss stores it
        cache.offer(1, "5", ticket, view(1, "5"));
        assertThat(cache.get(1, "5")).as("the old view must not stay").isNull();

        long fresh = cache.ticket("5");
        cache.evict(1, "6", 0);               // another customer's announcement may share the stripe or not:
        cache.offer(1, "5", fresh, view(2, "5"));
        StoredView kept = cache.get(1, "5");  // either way nothing stale is kept
        assertThat(kept == null || kept.rev() == 2).isTrue();
    }

    @Test
    void aViewOfferedAcrossADisconnectIsNotKept() {
        NearCache cache = enabled(100, 1 << 20);
        cache.get(1, "5");
        long ticket = cache.ticket("5");
        cache.disable();                      // announcements may have been missed from here
        cache.enable();
        cache.offer(1, "5", ticket, view(1, "5"));
        assertThat(cache.get(1, "5")).isNull();
    }

    @Test
    void disabledMeansEmptyAndBypassed() {
        NearCache cache = enabled(100, 1 << 20);
        cache.get(1, "5");
        cache.offer(1, "5", cache.ticket("5"), view(1, "5"));
        cache.disable();
        assertThat(cache.get(1, "5")).isNull();
        cache.offer(1, "5", cache.ticket("5"), view(1, "5"));
        cache.enable();
        assertThat(cache.get(1, "5")).as("emptied when disabled, nothing stored while off").isNull();
        assertThat(count("query.cache.lookups", "result", "bypass")).isEqualTo(1);
        assertThat(cache.enabled()).isTrue();
    }

    @Test
    void anotherGenerationEmptiesTheCache() {
        NearCache cache = enabled(100, 1 << 20);
        cache.get(1, "5");
        cache.offer(1, "5", cache.ticket("5"), view(1, "5"));
        assertThat(cache.get(2, "5")).isNull();
        assertThat(cache.entries()).isZero();
        cache.offer(1, "5", cache.ticket("5"), view(1, "5"));
        assertThat(cache.entries()).as("a view of the generation left behind is not stored").isZero();
    }

    @Test
    void boundedByEntriesAndByBytes() {
        NearCache byCount = enabled(10, 1 << 30);
        for (int i = 0; i < 100; i++) {
            String cid = Integer.toString(i);
            byCount.get(1, cid);
            byCount.offer(1, cid, byCount.ticket(cid), view(1, cid));
        }
        assertThat(byCount.entries()).isLessThanOrEqualTo(10);

        int size = view(1, "1").bytes().length + NearCache.ENTRY_OVERHEAD;
        NearCache byBytes = new NearCache(1_000, 5L * size, new SimpleMeterRegistry());
        byBytes.enable();
        for (int i = 0; i < 100; i++) {
            String cid = Integer.toString(i);
            byBytes.get(1, cid);
            byBytes.offer(1, cid, byBytes.ticket(cid), view(1, cid));
        }
        assertThat(byBytes.entries()).isBetween(1L, 5L);
        assertThat(byBytes.weightedBytes()).isLessThanOrEqualTo(5L * size);
        assertThat(count("query.cache.evictions", "cause", "size")).as("in the first registry").isPositive();
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new NearCache(0, 10, registry)).isInstanceOf(IllegalArgumentException.class);
    }
}
