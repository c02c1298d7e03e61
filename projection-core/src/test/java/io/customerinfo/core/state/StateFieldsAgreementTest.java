package io.customerinfo.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.event.EntityKind;
import io.customerinfo.core.support.Events;
import io.customerinfo.readmodel.StateFields;

/**
 * The query API finds an entity's applied version with read-model's {@link StateFields} alone (read-your-writes):
 * it must find, in the fields and bytes this module writes, every entity at the version it was last applied,
 * live records and tombstones alike.
 */
class StateFieldsAgreementTest {

    @Test
    void everyWrittenRecordIsFoundWhereStateFieldsLooksAndCarriesItsVersion() {
        long cid = 62640;
        CustomerState state = CustomerState.empty(cid);
        state.apply(Events.customer(cid, 3, "张三"));
        state.apply(Events.contact(11, cid, 5));
        state.apply(Events.child(EntityKind.ADDRESS, 21, cid, 2, true, "a"));
        state.apply(Events.delete(EntityKind.ADDRESS, 21, cid, 7));
        state.apply(Events.child(EntityKind.INVOICE, 31, cid, 4, false, "i"));
        state.apply(Events.order(41, cid, 9, Instant.parse("2020-06-01T00:00:00Z").getEpochSecond(), "12.50"));
        state.apply(Events.order(42, cid, 1, Instant.parse("2020-06-02T00:00:00Z").getEpochSecond(), "3.00"));
        state.apply(Events.delete(EntityKind.ORDER, 42, cid, 6));
        state.evict(EntityKind.CONTACT, 12, 8);

        StateDelta delta = StateCodec.delta(state);

        assertVersion(delta, "customer", cid, 3);
        assertVersion(delta, "contact", 11, 5);
        assertVersion(delta, "contact", 12, 8);
        assertVersion(delta, "address", 21, 7);
        assertVersion(delta, "invoice", 31, 4);
        assertVersion(delta, "order", 41, 9);
        assertVersion(delta, "order", 42, 6);
    }

    private static void assertVersion(StateDelta delta, String entity, long id, long version) {
        StateFields.Location at = StateFields.locate(entity, id);
        Map<String, byte[]> hash = at.orders() ? delta.ordersSet() : delta.entsSet();
        assertThat(hash).as(entity + " " + id).containsKey(at.field());
        assertThat(StateFields.version(hash.get(at.field()))).as(entity + " " + id).isEqualTo(version);
    }
}
