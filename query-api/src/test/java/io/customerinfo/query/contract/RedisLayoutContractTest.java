package io.customerinfo.query.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import io.customerinfo.query.support.Golden;
import io.customerinfo.readmodel.Cents;
import io.customerinfo.readmodel.RedisKeys;
import io.customerinfo.readmodel.ServingMonth;
import io.customerinfo.readmodel.StoredView;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Holds {@link RedisKeys} and the view splicing to {@code schemas/redis-layout.json}, shared with the projector. */
class RedisLayoutContractTest {

    private static final JsonNode LAYOUT = load();

    private static JsonNode load() {
        try (InputStream in = RedisLayoutContractTest.class.getResourceAsStream("/schemas/redis-layout.json")) {
            return Golden.JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void keyNames() {
        long generation = LAYOUT.get("generation").asLong();
        String cid = LAYOUT.get("customer_id").asString();
        assertThat(RedisKeys.NAMESPACE).isEqualTo(LAYOUT.get("namespace").asString());
        assertThat(RedisKeys.ACTIVE).isEqualTo(LAYOUT.get("keys").get("active").asString())
                .isEqualTo(LAYOUT.get("active_marker").get("key").asString());
        assertThat(RedisKeys.doc(generation, cid)).isEqualTo(LAYOUT.get("keys").get("doc").asString())
                .isEqualTo(LAYOUT.get("stored_view").get("key").asString());
        assertThat(new String(RedisKeys.docBytes(generation, cid), StandardCharsets.US_ASCII))
                .isEqualTo(LAYOUT.get("keys").get("doc").asString());
        assertThat(LAYOUT.get("active_marker").get("when_absent").asLong())
                .isEqualTo(io.customerinfo.query.store.ActiveGeneration.DEFAULT_GENERATION);
    }

    @Test
    void storedViewHeader() {
        JsonNode sv = LAYOUT.get("stored_view");
        StoredView view = StoredView.parse(sv.get("value").asString().getBytes(StandardCharsets.UTF_8));
        JsonNode header = sv.get("header");
        assertThat(view.rev()).isEqualTo(header.get("rev").asLong());
        assertThat(view.cacheAt()).isEqualTo(header.get("cache_at").asLong());
        assertThat(view.orgId()).isEqualTo(header.get("org_id").asString());
        assertThat(view.writeMonth()).isEqualTo(header.get("write_month").asInt());
        for (var month : header.get("months").properties()) {
            assertThat(view.purchaseCents(Integer.parseInt(month.getKey()))).isEqualTo(month.getValue().asLong());
        }
    }

    @Test
    void servedBytesForEachServingMonth() throws IOException {
        JsonNode sv = LAYOUT.get("stored_view");
        StoredView view = StoredView.parse(sv.get("value").asString().getBytes(StandardCharsets.UTF_8));
        for (JsonNode served : LAYOUT.get("served")) {
            ZoneId zone = ZoneId.of(served.get("zone").asString());
            Clock clock = Clock.fixed(OffsetDateTime.parse(served.get("at").asString()).toInstant(), zone);
            int month = new ServingMonth(clock, zone).current();
            assertThat(month).isEqualTo(served.get("serving_month").asInt());
            byte[] amount = Cents.ascii(view.purchaseCents(month));
            assertThat(new String(amount, StandardCharsets.US_ASCII)).isEqualTo(served.get("purchase_amount").asString());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] prefix = "{\"errCode\":1000,\"errMsg\":\"请求成功\",\"data\":".getBytes(StandardCharsets.UTF_8);
            out.write(prefix);
            view.writeDocument(out, amount);
            out.write('}');
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(served.get("response").asString());
            assertThat(prefix.length + view.documentLength(amount) + 1).isEqualTo(out.size());
        }
    }

    @Test
    void servedAtTheGoldensClockIsTheGolden() {
        JsonNode first = LAYOUT.get("served").get(0);
        assertThat(first.get("response").asString().getBytes(StandardCharsets.UTF_8)).isEqualTo(Golden.compactResponse());
    }
}
