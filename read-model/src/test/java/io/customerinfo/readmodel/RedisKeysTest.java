package io.customerinfo.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The key layout the query API relies on, pinned by the shared {@code schemas/redis-layout.json}. */
class RedisKeysTest {

    private final JsonNode layout = readLayout();

    private static JsonNode readLayout() {
        try (InputStream in = RedisKeysTest.class.getResourceAsStream("/schemas/redis-layout.json")) {
            assertThat(in).as("schemas/redis-layout.json on the classpath").isNotNull();
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void customerKeysMatchTheSharedLayout() {
        RedisKeys keys = new RedisKeys(layout.get("generation").asInt(), 1024);
        String cid = layout.get("customer_id").asString();
        JsonNode expected = layout.get("keys");
        assertThat(RedisKeys.ACTIVE).isEqualTo(expected.get("active").asString());
        assertThat(keys.doc(cid)).isEqualTo(expected.get("doc").asString());
        assertThat(keys.ents(cid)).isEqualTo(expected.get("ents").asString());
        assertThat(keys.orders(cid)).isEqualTo(expected.get("orders").asString());
        assertThat(keys.agg(cid)).isEqualTo(expected.get("agg").asString());
        assertThat(keys.recent(cid)).isEqualTo(expected.get("recent").asString());
    }

    @Test
    void keyTemplatesHoldForAnotherGenerationCustomerBucketAndGroup() {
        JsonNode t = layout.get("key_templates");
        RedisKeys keys = new RedisKeys(7, 16);
        String cid = "123";
        assertThat(keys.doc(cid)).isEqualTo(fill(t.get("doc").asString(), 7, cid));
        assertThat(keys.ents(cid)).isEqualTo(fill(t.get("ents").asString(), 7, cid));
        assertThat(keys.orders(cid)).isEqualTo(fill(t.get("orders").asString(), 7, cid));
        assertThat(keys.agg(cid)).isEqualTo(fill(t.get("agg").asString(), 7, cid));
        assertThat(keys.recent(cid)).isEqualTo(fill(t.get("recent").asString(), 7, cid));
        int bucket = keys.ownerBucket("contact", "45973");
        assertThat(bucket).isBetween(0, 15);
        assertThat(keys.ownerIndex("contact", "45973"))
                .isEqualTo(t.get("own").asString().replace("{generation}", "7")
                        .replace("{{bucket}}", "{" + bucket + "}"));
        assertThat(keys.positions("grp"))
                .isEqualTo(t.get("pos").asString().replace("{generation}", "7").replace("{{group}}", "{grp}"));
    }

    @Test
    void keyBytesAreTheKeysInUtf8ForEveryNumberOfDigits() {
        RedisKeys keys = new RedisKeys(12, 16);
        for (long cid : new long[] {0, 7, 10, 62640, 999_999, 1_000_000, Long.MAX_VALUE}) {
            String id = Long.toString(cid);
            assertThat(new String(keys.docKey(cid), StandardCharsets.UTF_8)).isEqualTo(keys.doc(id));
            assertThat(new String(keys.entsKey(cid), StandardCharsets.UTF_8)).isEqualTo(keys.ents(id));
            assertThat(new String(keys.ordersKey(cid), StandardCharsets.UTF_8)).isEqualTo(keys.orders(id));
            assertThat(new String(keys.aggKey(cid), StandardCharsets.UTF_8)).isEqualTo(keys.agg(id));
            assertThat(new String(keys.recentKey(cid), StandardCharsets.UTF_8)).isEqualTo(keys.recent(id));
        }
    }

    @Test
    void activeMarkerIsDeclaredAsLayoutSays() {
        assertThat(layout.get("active_marker").get("key").asString()).isEqualTo(RedisKeys.ACTIVE);
        assertThat(layout.get("active_marker").get("when_absent").asInt()).isEqualTo(1);
    }

    private static String fill(String template, int generation, String cid) {
        return template.replace("{generation}", Integer.toString(generation)).replace("{{customer_id}}", "{" + cid + "}");
    }
}
