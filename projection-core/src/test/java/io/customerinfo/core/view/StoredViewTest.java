package io.customerinfo.core.view;

import static io.customerinfo.core.support.Events.customer;
import static io.customerinfo.core.support.Events.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.support.Contract;

class StoredViewTest {

    private final DocumentRenderer renderer = new DocumentRenderer();

    @Test
    void theGoldenViewHasTheDocumentedHeaderAndSplicesToTheGoldenResponse() {
        Projection projection = new Projection();
        Contract.sampleEvents().forEach(projection::apply);
        CustomerState state = projection.customer(Contract.GOLDEN_CUSTOMER).orElseThrow();

        byte[] stored = renderer.renderView(state, Contract.GOLDEN_NOW, 12).orElseThrow().encode();

        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).startsWith("CIV1|12|1592272800|1|202006|202005=56000,202006=128050\n{\"id\":\"62640\",");
        assertThat(text).endsWith(",\"order_amount\":\"1000.00\"");
        StoredView view = StoredView.decode(stored);
        byte[] goldenResponse = Contract.JSON.writeValueAsBytes(Contract.JSON.readTree(Contract.resource("schemas/examples/customer-info-62640.json")));
        assertThat(new String(view.response(202006), StandardCharsets.UTF_8)).isEqualTo(new String(goldenResponse, StandardCharsets.UTF_8));
        assertThat(view.document(202006)).isEqualTo(renderer.render(state, Contract.GOLDEN_NOW).orElseThrow());
        assertThat(new String(view.document(202005), StandardCharsets.UTF_8)).endsWith(",\"purchase_amount\":\"560.00\"}");
        assertThat(new String(view.document(202007), StandardCharsets.UTF_8)).endsWith(",\"purchase_amount\":\"0.00\"}");
    }

    /** schemas/redis-layout.json pins the stored view that the query API serves from: it must be ours. */
    @Test
    void theGoldenViewIsTheOnePinnedInTheRedisLayout() {
        tools.jackson.databind.JsonNode layout = Contract.JSON.readTree(Contract.resource("schemas/redis-layout.json"));
        tools.jackson.databind.JsonNode pinned = layout.get("stored_view");
        Projection projection = new Projection();
        Contract.sampleEvents().forEach(projection::apply);
        CustomerState state = projection.customer(Contract.GOLDEN_CUSTOMER).orElseThrow();
        StoredView view = renderer.renderView(state, Contract.GOLDEN_NOW, pinned.get("header").get("rev").asLong()).orElseThrow();

        assertThat(new String(view.encode(), StandardCharsets.UTF_8)).isEqualTo(pinned.get("value").asString());
        for (tools.jackson.databind.JsonNode served : layout.get("served")) {
            int month = Integer.parseInt(served.get("serving_month").asString());
            assertThat(new String(view.response(month), StandardCharsets.UTF_8)).as(served.get("at").asString())
                    .isEqualTo(served.get("response").asString());
        }
    }

    @Test
    void encodeDecodeRoundTrips() {
        TreeMap<Integer, Long> months = new TreeMap<>(Map.of(202012, 5L, 202101, 0L, 202103, 12345L));
        StoredView view = new StoredView(99, 1600000000, "org_7", 202101, months, "{\"id\":\"1\",\"x\":\"|\\n\"".getBytes(StandardCharsets.UTF_8));
        StoredView back = StoredView.decode(view.encode());
        assertThat(back).isEqualTo(view);
        assertThat(back.purchaseCents(202103)).isEqualTo(12345);
        assertThat(back.purchaseCents(202102)).isZero();
        assertThat(StoredView.decode(new StoredView(1, 2, "", 202001, new TreeMap<>(), new byte[0]).encode()).monthCents()).isEmpty();
    }

    @Test
    void theMonthsListedAreThePreviousTheCurrentAndLaterNonZeroOnes() {
        Projection projection = new Projection();
        projection.apply(customer(1, 1, "c"));
        projection.apply(order(1, 1, 1, Instant.parse("2020-03-01T00:00:00Z").getEpochSecond(), "1.00"));
        projection.apply(order(2, 1, 1, Instant.parse("2020-06-01T00:00:00Z").getEpochSecond(), "2.00"));
        projection.apply(order(3, 1, 1, Instant.parse("2020-09-01T00:00:00Z").getEpochSecond(), "3.00"));
        StoredView view = renderer.renderView(projection.customer(1).orElseThrow(), Contract.GOLDEN_NOW, 1).orElseThrow();
        assertThat(view.monthCents()).containsExactly(Map.entry(202005, 0L), Map.entry(202006, 200L), Map.entry(202009, 300L));
        assertThat(view.writeMonth()).isEqualTo(202006);
        assertThat(view.cacheAt()).isEqualTo(Contract.GOLDEN_NOW.getEpochSecond());
    }

    @Test
    void januaryListsDecemberOfThePreviousYear() {
        Projection projection = new Projection();
        projection.apply(customer(1, 1, "c"));
        StoredView view = renderer.renderView(projection.customer(1).orElseThrow(), Instant.parse("2021-01-10T00:00:00Z"), 1).orElseThrow();
        assertThat(view.monthCents()).containsOnlyKeys(202012, 202101);
    }

    @Test
    void notAStoredViewIsRefused() {
        assertThatThrownBy(() -> StoredView.decode("{\"id\":1}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredView.decode("CIV2|1|2|3|202001|\n{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoredView.decode("CIV1|x|2|3|202001|\n{}".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class);
    }
}
