package io.customerinfo.core.state;

import static io.customerinfo.core.support.Events.contact;
import static io.customerinfo.core.support.Events.customer;
import static io.customerinfo.core.support.Events.delete;
import static io.customerinfo.core.support.Events.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.route.Effect;

class CustomerStateTest {

    private final CustomerState state = CustomerState.empty(7);

    @Test
    void anOrderThatWouldOverflowASumIsRefusedAndChangesNothing() {
        long createdAt = java.time.Instant.parse("2020-06-01T04:00:00Z").getEpochSecond();
        int month = io.customerinfo.readmodel.Months.of(createdAt, CustomerState.DEFAULT_ZONE);
        state.loadTotals(3, 500);
        state.loadMonth(month, Long.MAX_VALUE - 50);

        assertThatThrownBy(() -> state.apply(order(9, 7, 1, createdAt, "1.00")))
                .isInstanceOf(AmountOverflowException.class).hasMessageContaining("order 9 version 1");

        assertThat(state.purchaseCents(month)).isEqualTo(Long.MAX_VALUE - 50);
        assertThat(state.liveOrderCount()).isEqualTo(3);
        assertThat(state.receivableCents()).isEqualTo(500);
        assertThat(state.loadedOrders()).doesNotContainKey(9L);
        assertThat(state.hasChanges()).isFalse();
        // a smaller order still fits
        assertThat(state.apply(order(10, 7, 1, createdAt, "0.50"))).isEqualTo(Outcome.APPLIED);
        assertThat(state.purchaseCents(month)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lastWriterWinsByVersion() {
        assertThat(state.apply(customer(7, 2, "two"))).isEqualTo(Outcome.APPLIED);
        assertThat(state.apply(customer(7, 2, "two"))).isEqualTo(Outcome.DUPLICATE);
        assertThat(state.apply(customer(7, 1, "one"))).isEqualTo(Outcome.STALE);
        assertThat(state.customerData().orgId()).isEqualTo("1");
        assertThat(new String(state.customerData().nameLiteral())).isEqualTo("\"two\"");
    }

    @Test
    void aDeleteLeavesATombstoneThatOlderUpsertsCannotPass() {
        state.apply(contact(1, 7, 1));
        assertThat(state.apply(delete(EntityKind.CONTACT, 1, 7, 3))).isEqualTo(Outcome.APPLIED);
        assertThat(state.apply(contact(1, 7, 2))).isEqualTo(Outcome.STALE);
        assertThat(state.children(EntityKind.CONTACT).get(1L).live()).isFalse();
        assertThat(state.apply(contact(1, 7, 4))).isEqualTo(Outcome.APPLIED);
        assertThat(state.children(EntityKind.CONTACT).get(1L).live()).isTrue();
    }

    @Test
    void anEvictionIsAVersionedTombstone() {
        state.apply(order(5, 7, 1, 1000, "2.00"));
        assertThat(state.apply(new Effect.Evict(7, EntityKind.ORDER, 5, 2))).isEqualTo(Outcome.APPLIED);
        assertThat(state.liveOrderCount()).isZero();
        assertThat(state.recentOrders()).isEmpty();
        assertThat(state.apply(order(5, 7, 1, 1000, "2.00"))).isEqualTo(Outcome.STALE);
    }

    @Test
    void anOrderUpdateMovesItsAggregates() {
        state.apply(order(5, 7, 1, 1591000000L, "2.00"));
        state.apply(order(5, 7, 2, 1593600000L, "3.50"));
        assertThat(state.liveOrderCount()).isEqualTo(1);
        assertThat(state.receivableCents()).isEqualTo(350);
        assertThat(state.purchaseByMonth()).containsOnlyKeys(202007);
        assertThat(state.purchaseCents(202007)).isEqualTo(350);
        assertThat(state.recentOrders()).hasSize(1);
        assertThat(state.recentOrders().first().createdAt()).isEqualTo(1593600000L);
    }

    @Test
    void eventsOfAnotherCustomerAreRefused() {
        assertThatThrownBy(() -> state.apply(contact(1, 8, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contact 1").hasMessageContaining("customer 7");
        assertThatThrownBy(() -> state.evict(EntityKind.CUSTOMER, 7, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
