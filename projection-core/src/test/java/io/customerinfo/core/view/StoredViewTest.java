package io.customerinfo.core.view;

import static io.customerinfo.core.support.Events.customer;
import static io.customerinfo.core.support.Events.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.customerinfo.core.projection.Projection;
import io.customerinfo.core.render.DocumentRenderer;
import io.customerinfo.core.state.CustomerState;
import io.customerinfo.core.support.Contract;
import io.customerinfo.readmodel.StoredView;

class StoredViewTest {

    private final DocumentRenderer renderer = new DocumentRenderer();

    @Test
    void theGoldenViewHasTheDocumentedHeaderAndSplicesToTheGoldenResponse() {
        Projection projection = new Projection();
        Contract.sampleEvents().forEach(projection::apply);
        CustomerState state = projection.customer(Contract.GOLDEN_CUSTOMER).orElseThrow();

        byte[] stored = renderer.renderView(state, Contract.GOLDEN_NOW, 12).orElseThrow().bytes();

        String text = new String(stored, StandardCharsets.UTF_8);
        assertThat(text).startsWith("CIV1|12|1592272800|1|202006|202005=56000,202006=128050\n{\"id\":\"62640\",");
        assertThat(text).endsWith(",\"order_amount\":\"1000.00\"");
        StoredView view = StoredView.parse(stored);
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

        assertThat(new String(view.bytes(), StandardCharsets.UTF_8)).isEqualTo(pinned.get("value").asString());
        for (tools.jackson.databind.JsonNode served : layout.get("served")) {
            int month = Integer.parseInt(served.get("serving_month").asString());
            assertThat(new String(view.response(month), StandardCharsets.UTF_8)).as(served.get("at").asString())
                    .isEqualTo(served.get("response").asString());
        }
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
}
