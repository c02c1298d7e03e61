package io.customerinfo.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.support.Contract;

/**
 * A customer is stored by its document layout ({@code R...}); records written before that, as row JSON
 * ({@code L...}), are still read and render the same document.
 */
class CustomerRecordFormatTest {

    private final DocumentRenderer renderer = new DocumentRenderer();

    @Test
    void theGoldenCustomerRendersTheSameFromTheLayoutFormAndFromTheOlderRowJson() {
        CustomerState written = goldenCustomer();
        StateDelta delta = written.delta();
        Map<String, byte[]> ents = new HashMap<>(delta.entsSet());
        byte[] layoutForm = ents.get(StateCodec.CUSTOMER_FIELD);
        assertThat(layoutForm[0]).isEqualTo((byte) 'R');

        Map<String, byte[]> olderEnts = new HashMap<>(ents);
        byte[] json = written.customerData().json();
        byte[] prefix = ("L" + written.customer().version() + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] rowJson = new byte[prefix.length + json.length];
        System.arraycopy(prefix, 0, rowJson, 0, prefix.length);
        System.arraycopy(json, 0, rowJson, prefix.length, json.length);
        olderEnts.put(StateCodec.CUSTOMER_FIELD, rowJson);

        byte[] expected = renderer.render(written, Contract.GOLDEN_NOW).orElseThrow();
        assertThat(renderer.render(load(ents, delta), Contract.GOLDEN_NOW).orElseThrow()).isEqualTo(expected);
        assertThat(renderer.render(load(olderEnts, delta), Contract.GOLDEN_NOW).orElseThrow()).isEqualTo(expected);
        assertThat(load(ents, delta).customer().version()).isEqualTo(written.customer().version());
    }

    @Test
    void aDamagedLayoutRecordIsReportedWithItsCustomer() {
        CustomerState written = goldenCustomer();
        StateDelta delta = written.delta();
        Map<String, byte[]> ents = new HashMap<>(delta.entsSet());
        byte[] layoutForm = ents.get(StateCodec.CUSTOMER_FIELD);
        ents.put(StateCodec.CUSTOMER_FIELD, java.util.Arrays.copyOf(layoutForm, layoutForm.length - 5));

        assertThatThrownBy(() -> load(ents, delta)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer " + Contract.GOLDEN_CUSTOMER);
    }

    private static CustomerState goldenCustomer() {
        CustomerState state = CustomerState.empty(Contract.GOLDEN_CUSTOMER);
        Contract.sampleEvents().forEach(state::apply);
        return state;
    }

    private static CustomerState load(Map<String, byte[]> ents, StateDelta delta) {
        Map<String, byte[]> agg = new HashMap<>(delta.aggSet());
        return StateCodec.load(Contract.GOLDEN_CUSTOMER, CustomerState.DEFAULT_ZONE, ents, delta.ordersSet(), agg,
                delta.recentAdd().stream().map(StateDelta.ScoredMember::member)
                        .sorted((a, b) -> -java.util.Arrays.compare(a, b)).toList());
    }
}
