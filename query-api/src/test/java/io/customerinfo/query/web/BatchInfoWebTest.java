package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.ResponseSchema;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.support.WebTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** {@code /crm/customer/batch_info}: cid -> document or null, in request order. */
class BatchInfoWebTest extends WebTestSupport {

    private static final String BATCH = "/crm/customer/batch_info";
    private static final String FORM = "application/x-www-form-urlencoded";

    private void assertBatch(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode root = Golden.json(response);
        assertThat(root.propertyNames()).containsExactly("errCode", "errMsg", "data");
        assertThat(root.get("errCode").asInt()).isEqualTo(1000);
        assertThat(root.get("data").propertyNames()).containsExactly("1", "62640", "77");
        assertThat(root.get("data").get("1").isNull()).isTrue();
        assertThat(root.get("data").get("62640")).isEqualTo(Golden.response().get("data"));
        assertThat(root.get("data").get("77").get("org_id").asString()).isEqualTo("2");
        ResponseSchema.assertValidDocument(root.get("data").get("62640"));
        ResponseSchema.assertValidDocument(root.get("data").get("77"));
        assertThat(response.body()).isEqualTo(Golden.JSON.writeValueAsBytes(root));
    }

    @Test
    void everyParameterForm() {
        store.put(1, "77", Golden.view(3, "77", "2", "202006", "202006=100"));
        assertBatch(http.post(BATCH, FORM, "cids=1,62640,77", ALL));
        assertBatch(http.post(BATCH, FORM, "cids=1%2C62640%2C77", ALL));
        assertBatch(http.post(BATCH, FORM, "cids=%5B%221%22%2C62640%2C%2277%22%5D", ALL));
        assertBatch(http.post(BATCH, "application/json", "{\"cids\":[\"1\",62640,\"77\"]}", ALL));
        assertBatch(http.post(BATCH, "application/json", "{\"cids\":\"1, 62640 ,77\"}", ALL));
        assertBatch(http.get(BATCH + "?cids=1,62640,77,1,62640", ALL));
        String boundary = "zz";
        assertBatch(http.post(BATCH, "multipart/form-data; boundary=" + boundary,
                "--zz\r\nContent-Disposition: form-data; name=\"cids\"\r\n\r\n1,62640,77\r\n--zz--\r\n", ALL));
    }

    @Test
    void anotherOrgsDocumentsAreNull() {
        store.put(1, "77", Golden.view(3, "77", "2", "202006", "202006=100"));
        Response response = http.post(BATCH, FORM, "cids=62640,77", ORG2);
        assertThat(response.status()).isEqualTo(200);
        assertThat(Golden.json(response).get("data").get("62640").isNull()).isTrue();
        assertThat(Golden.json(response).get("data").get("77").get("id").asString()).isEqualTo("77");
    }

    @Test
    void atMostOneHundredCids() {
        String hundred = IntStream.rangeClosed(1, 100).mapToObj(Integer::toString).collect(Collectors.joining(","));
        Response ok = http.post(BATCH, FORM, "cids=" + hundred, ALL);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(Golden.json(ok).get("data").size()).isEqualTo(100);
        assertError(http.post(BATCH, FORM, "cids=" + hundred + ",101", ALL), 400, 1001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cids=", "cids=,", "cids=1,,2", "cids=1,x", "cids=1%00", "cids=[1,{}]", "cids=[",
            "cids=[]", "cids=1&cids=2", "cid=62640", "cids=1,../62640", "cids=%ff"})
    void badCidListsAre1001(String body) {
        assertError(http.post(BATCH, FORM, body, ALL), 400, 1001);
    }

    @Test
    void errorsOfTheBatchEndpoint() {
        assertError(http.post(BATCH, FORM, "cids=62640"), 401, 1401);
        assertError(http.post(BATCH, FORM, "cids=62640&pad=" + "x".repeat(17 * 1024), ALL), 413, 1413);
        assertError(http.post(BATCH, "application/json", "{\"cids\":{}}", ALL), 400, 1001);
        store.unavailable(true);
        assertError(http.post(BATCH, FORM, "cids=62640", ALL), 503, 1503);
    }
}
