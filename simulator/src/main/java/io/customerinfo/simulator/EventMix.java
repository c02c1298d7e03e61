package io.customerinfo.simulator;

import java.util.SplittableRandom;

/** Relative weights of the entities among generated change events. */
public record EventMix(int customer, int contact, int address, int invoice, int order) {

    public EventMix {
        if (customer < 0 || contact < 0 || address < 0 || invoice < 0 || order < 0) {
            throw new IllegalArgumentException("weights must not be negative");
        }
        if (customer + contact + address + invoice + order == 0) {
            throw new IllegalArgumentException("at least one weight must be positive");
        }
    }

    /** Per 100 events: 40 order, 20 customer, 15 contact, 15 address, 10 invoice. */
    public static EventMix standard() {
        return new EventMix(20, 15, 15, 10, 40);
    }

    public int weight(Entity e) {
        return switch (e) {
            case CUSTOMER -> customer;
            case CONTACT -> contact;
            case ADDRESS -> address;
            case INVOICE -> invoice;
            case ORDER -> order;
        };
    }

    public double share(Entity e) {
        return (double) weight(e) / (customer + contact + address + invoice + order);
    }

    Entity pick(SplittableRandom random) {
        int r = random.nextInt(customer + contact + address + invoice + order);
        for (Entity e : Entity.values()) {
            r -= weight(e);
            if (r < 0) {
                return e;
            }
        }
        throw new AssertionError("weights changed");
    }
}
