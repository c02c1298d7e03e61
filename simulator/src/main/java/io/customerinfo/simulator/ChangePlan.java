package io.customerinfo.simulator;

import java.util.Map;
import java.util.SplittableRandom;

/** Decides which entity changes next. Two plans: the realistic mix, and the order history for benchmarks. */
sealed interface ChangePlan {

    /** The next change, or null when the plan is done. */
    Change next();

    static ChangePlan of(SimulationConfig config, CrmWorld world, SplittableRandom random) {
        return config.historyMode() ? new History(config, world, random) : new Mixed(config, world, random);
    }

    /**
     * {@code events} changes drawn from the mix over {@code span}. A customer event creates the next customer
     * until all exist, then edits, deletes or re-creates one; a child event creates a child (for a random
     * existing customer) or edits, deletes, moves or re-creates one.
     */
    final class Mixed implements ChangePlan {
        /** Children per customer that the plan grows towards. */
        private static final Map<Entity, Double> TARGET = Map.of(Entity.CONTACT, 2.0, Entity.ADDRESS, 2.0,
                Entity.INVOICE, 1.0);

        private final SimulationConfig config;
        private final CrmWorld world;
        private final SplittableRandom random;
        private final long start;
        private final double step;
        private int emitted;

        Mixed(SimulationConfig config, CrmWorld world, SplittableRandom random) {
            this.config = config;
            this.world = world;
            this.random = random;
            this.start = config.start().toEpochMilli();
            this.step = config.events() == 0 ? 0 : (double) config.span().toMillis() / config.events();
        }

        @Override
        public Change next() {
            if (emitted >= config.events()) {
                return null;
            }
            long now = start + (long) (emitted * step) + (step >= 2 ? random.nextLong((long) step) : 0);
            emitted++;
            Entity kind = config.mix().pick(random);
            if (kind == Entity.CUSTOMER) {
                return world.allCustomersCreated() ? world.changeCustomer(now, config.deleteRate())
                        : world.createCustomer(now);
            }
            if (wantsNew(kind)) {
                return world.createChild(kind, world.anyCustomerId(), now);
            }
            return world.changeChild(kind, now, config.deleteRate(), config.moveRate());
        }

        private boolean wantsNew(Entity kind) {
            int existing = world.children(kind).size();
            if (existing == 0) {
                return true;
            }
            if (kind == Entity.ORDER) {
                return random.nextDouble() < 0.6;
            }
            double target = TARGET.get(kind) * Math.max(1, world.customersCreated());
            return random.nextDouble() < (existing < target ? 0.7 : 0.1);
        }
    }

    /**
     * Every customer with one contact, address and invoice, then {@code ordersPerCustomer} orders whose
     * {@code created_at} spreads evenly over {@code span}: a customer with a large order history.
     */
    final class History implements ChangePlan {
        private final SimulationConfig config;
        private final CrmWorld world;
        private final SplittableRandom random;
        private final long start;
        private int customer = -1;
        private int stepInCustomer;
        private String customerId;

        History(SimulationConfig config, CrmWorld world, SplittableRandom random) {
            this.config = config;
            this.world = world;
            this.random = random;
            this.start = config.start().toEpochMilli();
        }

        @Override
        public Change next() {
            int perCustomer = 4 + config.ordersPerCustomer();
            if (customer < 0 || stepInCustomer >= perCustomer) {
                if (customer + 1 >= config.customers()) {
                    return null;
                }
                customer++;
                stepInCustomer = 0;
            }
            int step = stepInCustomer++;
            return switch (step) {
                case 0 -> {
                    Change c = world.createCustomer(start);
                    customerId = c.id();
                    yield c;
                }
                case 1 -> world.createChild(Entity.CONTACT, customerId, start + 1_000);
                case 2 -> world.createChild(Entity.ADDRESS, customerId, start + 2_000);
                case 3 -> world.createChild(Entity.INVOICE, customerId, start + 3_000);
                default -> {
                    int order = step - 4;
                    double slot = (double) config.span().toMillis() / config.ordersPerCustomer();
                    long createdAt = start + 60_000 + (long) (order * slot) + random.nextLong(Math.max(1, (long) slot));
                    yield world.createOrderAt(customerId, createdAt);
                }
            };
        }
    }
}
