package io.customerinfo.query.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.customerinfo.query.cache.NearCache;
import io.customerinfo.readmodel.MalformedViewException;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.ServingMonth;
import io.customerinfo.readmodel.StateFields;
import io.customerinfo.readmodel.StoredView;

/**
 * Reads the stored views of the active generation and fixes the month they are served for.
 * A malformed stored view is an error naming the customer and generation. With a {@link NearCache}, views are
 * served from memory while the cache holds them and read from the store (and offered to the cache) otherwise.
 */
public class CustomerViews {

    /** A stored view as served: the generation it was read from and the serving month (yyyyMM). */
    public record Served(StoredView view, long generation, int month) {
    }

    /** Views in request order (null where there is none), the generation and the serving month. */
    public record Batch(List<StoredView> views, long generation, int month) {
    }

    /** A view read with the versions its state has applied: whether it reflects the changes asked about. */
    public record Reflecting(Served served, boolean reflects) {
    }

    /** A change of one entity, named by the event format's entity, id and version. */
    public record Change(String entity, long id, long version) {

        public StateFields.Location location() {
            return StateFields.locate(entity, id);
        }

        @Override
        public String toString() {
            return entity + ":" + id + ":" + version;
        }
    }

    private final CustomerDocumentStore store;
    private final ActiveGeneration generation;
    private final ServingMonth servingMonth;
    private final NearCache cache;

    /** @param cache the near cache, or null for none: every read goes to the store */
    public CustomerViews(CustomerDocumentStore store, ActiveGeneration generation, ServingMonth servingMonth,
            NearCache cache) {
        this.store = store;
        this.generation = generation;
        this.servingMonth = servingMonth;
        this.cache = cache;
    }

    /** The customer's view, or null when the active generation has none. */
    public Served find(String customerId) {
        long g = generation.get();
        StoredView cached = cache == null ? null : cache.get(g, customerId);
        if (cached != null) {
            return new Served(cached, g, servingMonth.current());
        }
        long ticket = cache == null ? 0 : cache.ticket(customerId);
        byte[] bytes = store.find(g, customerId);
        if (bytes == null) {
            return null;
        }
        StoredView view = parse(bytes, customerId, g);
        if (cache != null) {
            cache.offer(g, customerId, ticket, view);
        }
        return new Served(view, g, servingMonth.current());
    }

    /**
     * The customer's view straight from the store (never the near cache, which may still hold the view before
     * the change until its announcement arrives), and whether its state has applied every one of {@code changes}
     * at its version or later. One round trip.
     */
    public Reflecting findReflecting(String customerId, List<Change> changes) {
        long g = generation.get();
        List<StateFields.Location> entities = new ArrayList<>(changes.size());
        for (Change change : changes) {
            entities.add(change.location());
        }
        CustomerDocumentStore.Versioned read = store.findWithVersions(g, customerId, entities);
        boolean reflects = true;
        for (int i = 0; i < changes.size(); i++) {
            reflects &= read.versions()[i] >= changes.get(i).version();
        }
        if (read.view() == null) {
            return new Reflecting(null, reflects);
        }
        StoredView view = parse(read.view(), customerId, g);
        if (cache != null) {
            cache.supersede(g, customerId, view);
        }
        return new Reflecting(new Served(view, g, servingMonth.current()), reflects);
    }

    /** The views of {@code customerIds}: the cached ones from memory, the others in one read of the store. */
    public Batch findAll(List<String> customerIds) {
        long g = generation.get();
        int n = customerIds.size();
        StoredView[] views = new StoredView[n];
        List<String> missing = new ArrayList<>(n);
        List<Integer> missingAt = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            views[i] = cache == null ? null : cache.get(g, customerIds.get(i));
            if (views[i] == null) {
                missing.add(customerIds.get(i));
                missingAt.add(i);
            }
        }
        if (!missing.isEmpty()) {
            long[] tickets = new long[missing.size()];
            for (int j = 0; cache != null && j < tickets.length; j++) {
                tickets[j] = cache.ticket(missing.get(j));
            }
            List<byte[]> values = store.findAll(g, missing);
            for (int j = 0; j < values.size(); j++) {
                byte[] bytes = values.get(j);
                if (bytes != null) {
                    StoredView view = parse(bytes, missing.get(j), g);
                    views[missingAt.get(j)] = view;
                    if (cache != null) {
                        cache.offer(g, missing.get(j), tickets[j], view);
                    }
                }
            }
        }
        return new Batch(Arrays.asList(views), g, servingMonth.current());
    }

    private static StoredView parse(byte[] bytes, String customerId, long generation) {
        try {
            return StoredView.parse(bytes);
        } catch (MalformedViewException e) {
            throw new IllegalStateException("Stored view " + RedisKeys.doc(generation, customerId) + " is malformed: "
                    + e.getMessage(), e);
        }
    }
}
