package io.customerinfo.query.store;

import java.util.ArrayList;
import java.util.List;

import io.customerinfo.readmodel.MalformedViewException;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.ServingMonth;
import io.customerinfo.readmodel.StoredView;

/**
 * Reads the stored views of the active generation and fixes the month they are served for.
 * A malformed stored view is an error naming the customer and generation.
 */
public class CustomerViews {

    /** A stored view as served: the generation it was read from and the serving month (yyyyMM). */
    public record Served(StoredView view, long generation, int month) {
    }

    /** Views in request order (null where there is none), the generation and the serving month. */
    public record Batch(List<StoredView> views, long generation, int month) {
    }

    private final CustomerDocumentStore store;
    private final ActiveGeneration generation;
    private final ServingMonth servingMonth;

    public CustomerViews(CustomerDocumentStore store, ActiveGeneration generation, ServingMonth servingMonth) {
        this.store = store;
        this.generation = generation;
        this.servingMonth = servingMonth;
    }

    /** The customer's view, or null when the active generation has none. */
    public Served find(String customerId) {
        long g = generation.get();
        byte[] bytes = store.find(g, customerId);
        return bytes == null ? null : new Served(parse(bytes, customerId, g), g, servingMonth.current());
    }

    public Batch findAll(List<String> customerIds) {
        long g = generation.get();
        List<byte[]> values = store.findAll(g, customerIds);
        List<StoredView> views = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i);
            views.add(bytes == null ? null : parse(bytes, customerIds.get(i), g));
        }
        return new Batch(views, g, servingMonth.current());
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
