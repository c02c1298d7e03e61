package io.customerinfo.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import io.customerinfo.simulator.SimRecord;
import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;

/**
 * #2 cost of history: the rate of new order events for customers that already have {@code historyOrders} orders,
 * over the rate for customers that have 10, in the same projector run.
 *
 * <p>One simulator history stream ({@code 2 x historyCustomers} customers, each with its customer, contact,
 * address, invoice and {@code historyOrders + historyNewOrders} orders) is split into three parts published one
 * after the other: (A) the history, i.e. every order of the long-history customers but their last
 * {@code historyNewOrders}, and the first 10 orders of the short-history ones; (B1) the last
 * {@code historyNewOrders} orders of the long-history customers; (B2) the same number for the short-history
 * customers. A projector drains all three; the rates of B1 and B2 come from the times its applied count crossed
 * the boundaries. Both cases have the same number of customers and events per customer, so the batching per
 * customer is the same; only the history differs (the short one grows from 10 to 10 + new orders during B2).
 * Projecting A also warms the projector's JIT.
 */
final class HistoryCost {

    private static final Topics TOPICS = Topics.withPrefix("bench2.crm.");
    private static final int SHORT_HISTORY = 10;
    private static final int CHILDREN = 4;

    private HistoryCost() {
    }

    static void run(BenchContext ctx, Measurement cost) {
        BenchOptions o = ctx.options;
        int perCustomer = CHILDREN + o.historyOrders() + o.historyNewOrders();
        int customers = 2 * o.historyCustomers();
        ctx.servers.createTopics(TOPICS.all());
        SimulationConfig config = SimulationConfig.builder().seed(2).customers(customers)
                .ordersPerCustomer(o.historyOrders() + o.historyNewOrders()).topics(TOPICS).build();
        ctx.log("#2 pre-loading %d customers with %,d orders and %d with %d, then %,d new orders each",
                o.historyCustomers(), o.historyOrders(), o.historyCustomers(), SHORT_HISTORY, o.historyNewOrders());
        List<SimRecord> longNew = new ArrayList<>();
        List<SimRecord> shortNew = new ArrayList<>();
        Iterator<SimRecord> stream = Simulation.stream(config);
        Iterator<SimRecord> history = new Iterator<>() {
            private long index = -1;
            private SimRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && stream.hasNext()) {
                    SimRecord r = stream.next();
                    index++;
                    int customer = (int) (index / perCustomer);
                    int position = (int) (index % perCustomer);
                    int order = position - CHILDREN;
                    boolean longHistory = customer < o.historyCustomers();
                    if (order >= o.historyOrders()) {
                        (longHistory ? longNew : shortNew).add(r);
                    } else if (order < 0 || longHistory || order < SHORT_HISTORY) {
                        next = r;
                    }
                }
                return next != null;
            }

            @Override
            public SimRecord next() {
                SimRecord r = next;
                next = null;
                return r;
            }
        };
        long historyRecords = Preload.publish(ctx.servers, history);
        long longRecords = Preload.publish(ctx.servers, longNew.iterator());
        long shortRecords = Preload.publish(ctx.servers, shortNew.iterator());
        long[] thresholds = {historyRecords, historyRecords + longRecords, historyRecords + longRecords + shortRecords};
        cost.note(String.format("%d + %d customers; history %,d records, then %,d and %,d new order events",
                o.historyCustomers(), o.historyCustomers(), historyRecords, longRecords, shortRecords));
        for (int rep = 1; rep <= o.repetitions(); rep++) {
            RedisFootprint.reset(ctx.servers);
            String group = "bench2-" + rep + "-" + UUID.randomUUID().toString().substring(0, 8);
            try (AppJvm projector = ctx.apps.projector(group, TOPICS)) {
                ProjectorPositions.Crossings c = new ProjectorPositions(ctx.servers, group)
                        .await(thresholds, BenchContext.drainTimeout(thresholds[2]), projector);
                double longRate = c.segmentRate(1);
                double shortRate = c.segmentRate(2);
                cost.add(longRate, shortRate);
                ctx.log("#2 run %d: %,.0f order events/s with %,d orders of history, %,.0f with %d (ratio %.2f)", rep,
                        longRate, o.historyOrders(), shortRate, SHORT_HISTORY, longRate / shortRate);
            }
        }
    }
}
