package io.customerinfo.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.support.Contract;

/** The stored records stay compact: all keys of the golden customer hold at most 3x the document's bytes. */
class StorageFootprintTest {

    @Test
    void theGoldenCustomerStoresAtMostThreeTimesItsDocument() {
        CustomerState state = CustomerState.empty(Contract.GOLDEN_CUSTOMER);
        Contract.sampleEvents().forEach(state::apply);
        StateDelta delta = state.delta();
        byte[] document = new DocumentRenderer().render(state, Contract.GOLDEN_NOW).orElseThrow();
        byte[] view = new DocumentRenderer().renderView(state, Contract.GOLDEN_NOW, delta.newRev()).orElseThrow().bytes();

        long stored = view.length + size(delta.entsSet()) + size(delta.ordersSet()) + size(delta.aggSet())
                + delta.recentAdd().stream().mapToLong(m -> m.member().length + 8).sum();

        assertThat(stored).isLessThanOrEqualTo(3L * document.length);
        assertThat(size(delta.entsSet())).isLessThan(document.length);
    }

    private static long size(Map<String, byte[]> hash) {
        return hash.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length).sum();
    }
}
