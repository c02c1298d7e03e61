package io.customerinfo.query.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.customerinfo.embedded.http.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's golden response ({@code schemas/examples/customer-info-62640.json}) and stored views
 * built from it as the projector writes them (docs/architecture.md).
 */
public final class Golden {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String CID = "62640";
    /** The golden's clock: 2020-06-16T10:00:00+08:00. */
    public static final Instant SERVED_AT = OffsetDateTime.parse("2020-06-16T10:00:00+08:00").toInstant();
    public static final long CACHE_AT = 1592272800L;
    /** Months of the sample orders: 2020-05-28 (560.00) and 2020-06-15 (1280.50). */
    public static final String MONTHS = "202005=56000,202006=128050";

    private Golden() {
    }

    /** The golden response, parsed (key order kept). */
    public static ObjectNode response() {
        try (InputStream in = Golden.class.getResourceAsStream("/schemas/examples/customer-info-62640.json")) {
            if (in == null) {
                throw new IllegalStateException("schemas/examples/customer-info-62640.json is not on the classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden response as the API must send it: compact UTF-8. */
    public static byte[] compactResponse() {
        return JSON.writeValueAsBytes(response());
    }

    /** The stored-view body: compact golden {@code data} without purchase_amount and the closing brace. */
    public static String body(String cid, String orgId, long cacheAt) {
        ObjectNode data = (ObjectNode) response().get("data").deepCopy();
        data.remove("purchase_amount");
        data.put("id", cid);
        data.put("org_id", orgId);
        data.put("_cache_at", cacheAt);
        String json = JSON.writeValueAsString(data);
        return json.substring(0, json.length() - 1);
    }

    public static byte[] view(long rev, String cid, String orgId, String writeMonth, String months) {
        return view(rev, CACHE_AT, cid, orgId, writeMonth, months);
    }

    public static byte[] view(long rev, long cacheAt, String cid, String orgId, String writeMonth, String months) {
        String header = "CIV1|" + rev + "|" + cacheAt + "|" + orgId + "|" + writeMonth + "|" + months + "\n";
        return (header + body(cid, orgId, cacheAt)).getBytes(StandardCharsets.UTF_8);
    }

    /** The golden customer's view, written in June 2020. */
    public static byte[] view() {
        return view(12, CID, "1", "202006", MONTHS);
    }

    public static JsonNode parse(byte[] bytes) {
        return JSON.readTree(bytes);
    }

    /** An answer's body, parsed. */
    public static JsonNode json(RawHttp.Response response) {
        return parse(response.body());
    }

    /** An answer's envelope {@code errCode}. */
    public static int errCode(RawHttp.Response response) {
        return json(response).get("errCode").asInt();
    }
}
