package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.stream.Stream;

import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.ResponseSchema;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.support.WebTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /crm/customer/info} on a real embedded Tomcat over the fake store: every parameter form and error row. */
class CustomerInfoWebTest extends WebTestSupport {

    private static final String INFO = "/crm/customer/info";
    private static final String FORM = "application/x-www-form-urlencoded";

    private void assertGolden(Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(response.body()).as("compact UTF-8 golden").isEqualTo(Golden.compactResponse());
        assertThat(response.header("ETag")).isEqualTo("\"1.12.202006\"");
        assertThat(response.header("X-Cache-At")).isEqualTo("1592272800");
        ResponseSchema.assertValid(response);
    }

    @Test
    void getWithQueryParameterAnswersTheGoldenBytes() {
        assertGolden(http.get(INFO + "?cid=62640", ALL));
    }

    @Test
    void postUrlEncodedForm() {
        assertGolden(http.post(INFO, FORM, "cid=62640", ALL));
        assertGolden(http.post(INFO, FORM + "; charset=UTF-8", "other=1&cid=62640&x", ALL));
    }

    @Test
    void postMultipartForm() {
        String boundary = "----b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cid\"\r\n\r\n62640\r\n"
                + "--" + boundary + "--\r\n";
        assertGolden(http.post(INFO, "multipart/form-data; boundary=" + boundary, body, ALL));
    }

    @Test
    void postJsonBody() {
        assertGolden(http.post(INFO, "application/json", "{\"cid\":\"62640\"}", ALL));
        assertGolden(http.post(INFO, "application/json;charset=utf-8", "{\"other\":[1,{}],\"cid\":62640}", ALL));
    }

    @Test
    void postWithQueryParameterAndNoBody() {
        assertGolden(http.post(INFO + "?cid=62640", null, (byte[]) null, ALL));
        assertGolden(http.post(INFO + "?cid=62640", FORM, "", ALL));
    }

    @Test
    void bearerTokenIsAKeyToo() {
        assertGolden(http.get(INFO + "?cid=62640", "Authorization: Bearer all-key"));
        assertGolden(http.get(INFO + "?cid=62640", "Authorization: bearer all-key"));
    }

    @Test
    void sameCidTwiceIsFineDifferentCidsAreNot() {
        assertGolden(http.get(INFO + "?cid=62640&cid=62640", ALL));
        assertGolden(http.post(INFO + "?cid=62640", FORM, "cid=62640", ALL));
        assertError(http.get(INFO + "?cid=62640&cid=62641", ALL), 400, 1001);
        assertError(http.post(INFO + "?cid=62640", FORM, "cid=62641", ALL), 400, 1001);
        assertError(http.post(INFO + "?cid=62641", "application/json", "{\"cid\":\"62640\"}", ALL), 400, 1001);
        assertError(http.post(INFO, "application/json", "{\"cid\":\"62640\",\"cid\":\"62640\"}", ALL), 400, 1001);
    }

    static Stream<String> hostileQueries() {
        return Stream.of(
                "cid=1%20OR%201=1", "cid=1+OR+1=1", "cid=1 OR 1=1".replace(" ", "%20"),
                "cid=..%2F62640", "cid=../62640", "cid=62640{x}", "cid=62640%7Bx%7D",
                "cid=%00", "cid=62640%00", "cid=%0062640", "cid=", "cid", "", "other=62640", "CID=62640",
                "cid=" + "9".repeat(10_000), "cid=" + "1".repeat(21), "cid=-1", "cid=+62640", "cid=62640.0",
                "cid=%EF%BC%96%EF%BC%92", "cid=%ff%fe", "cid=%zz", "cid=%6", "cid=62640%", "cid=0x1F",
                "cid=[62640]", "cid=\"62640\"", "cid=62640|1", "cid=62640\\", "cid=%2562640");
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void hostileCidsAreBadRequests(String query) {
        assertError(http.get(INFO + "?" + query, ALL), 400, 1001);
        assertError(http.post(INFO, FORM, query, ALL), 400, 1001);
    }

    @Test
    void rawNonUtf8BytesInTheTargetAreBadRequests() {
        byte[] target = concat("/crm/customer/info?cid=".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0x80, '6', '2'});
        assertError(http.send("GET", target, null, ALL), 400, 1001);
        assertError(http.post(INFO, FORM, concat("cid=".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xc3, (byte) 0x28, '1'}), ALL), 400, 1001);
    }

    @Test
    void requestsTomcatRefusesStillGetTheEnvelope() {
        assertError(http.get(INFO + "?cid=" + "1".repeat(40_000), ALL), 400, 1001);
        assertError(http.send("GET", "/crm/customer/info?cid=1 2".getBytes(StandardCharsets.US_ASCII), null, ALL),
                400, 1001);
    }

    static Stream<Arguments> hostileJson() {
        return Stream.of("{\"cid\":{}}", "{\"cid\":[\"62640\"]}", "{\"cid\":true}", "{\"cid\":null}", "{\"cid\":1.5}",
                "{\"cid\":\"1 OR 1=1\"}", "{\"cid\":\"62640\\u0000\"}", "{\"cid\":-62640}", "[\"62640\"]", "\"62640\"",
                "{\"cid\":\"62640\"", "{cid:62640}", "", "null", "{}", "[".repeat(5000) + "]".repeat(5000),
                "{\"cid\":" + "9".repeat(5000) + "}", "\u00ff\u00fe").map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("hostileJson")
    void hostileJsonBodiesAreBadRequests(String body) {
        assertError(http.post(INFO, "application/json", body, ALL), 400, 1001);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/xml", "application/octet-stream", "text/html; charset=utf-8",
            "multipart/form-data", "multipart/form-data; boundary=nothere"})
    void wrongContentTypesDoNotCarryACid(String contentType) {
        Response response = http.post(INFO, contentType, "cid=62640", ALL);
        assertError(response, 400, 1001);
    }

    @Test
    void wrongContentTypeBodyIsIgnoredWhenTheQueryHasTheCid() {
        assertGolden(http.post(INFO + "?cid=62640", "text/plain", "cid=1", ALL));
    }

    @Test
    void oversizedBodiesAre413() {
        String big = "cid=62640&pad=" + "x".repeat(17 * 1024);
        assertError(http.post(INFO, FORM, big, ALL), 413, 1413);
        assertError(http.post(INFO, "application/json", "{\"cid\":\"62640\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}",
                ALL), 413, 1413);
        assertError(http.post(INFO, FORM, big.getBytes(StandardCharsets.US_ASCII), ALL, "Transfer-Encoding: chunked"),
                413, 1413);
        String boundary = "b";
        String multipart = "--b\r\nContent-Disposition: form-data; name=\"cid\"\r\n\r\n62640\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"pad\"\r\n\r\n" + "x".repeat(17 * 1024) + "\r\n--b--\r\n";
        assertError(http.post(INFO, "multipart/form-data; boundary=" + boundary, multipart, ALL), 413, 1413);
        assertError(http.post(INFO, "multipart/form-data; boundary=" + boundary,
                multipart.getBytes(StandardCharsets.US_ASCII), ALL, "Transfer-Encoding: chunked"), 413, 1413);
        assertError(http.post(INFO, "text/plain", "x".repeat(17 * 1024), ALL), 413, 1413);
    }

    @Test
    void bodyJustUnderTheLimitIsServed() {
        String body = "cid=62640&pad=";
        body += "x".repeat(16 * 1024 - body.length());
        assertGolden(http.post(INFO, FORM, body, ALL));
    }

    @Test
    void unknownCustomerIs1004() {
        assertError(http.get(INFO + "?cid=1", ALL), 404, 1004);
        assertError(http.get(INFO + "?cid=00062640", ALL), 404, 1004);
    }

    @Test
    void anotherOrgsCustomerLooksExactlyMissing() {
        Response denied = http.get(INFO + "?cid=62640", ORG2);
        Response missing = http.get(INFO + "?cid=1", ORG2);
        assertError(denied, 404, 1004);
        assertThat(denied.body()).isEqualTo(missing.body());
        assertThat(denied.headers().keySet()).isEqualTo(missing.headers().keySet());
        store.put(1, "77", Golden.view(3, "77", "2", "202006", "202006=100"));
        assertThat(http.get(INFO + "?cid=77", ORG2).status()).isEqualTo(200);
    }

    @Test
    void missingOrUnknownCredentialsAre1401() {
        Response noKey = http.get(INFO + "?cid=62640");
        assertError(noKey, 401, 1401);
        assertThat(noKey.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertError(http.get(INFO + "?cid=62640", "X-Api-Key: nope"), 401, 1401);
        assertError(http.get(INFO + "?cid=62640", "X-Api-Key: "), 401, 1401);
        assertError(http.get(INFO + "?cid=62640", "Authorization: Bearer "), 401, 1401);
        assertError(http.get(INFO + "?cid=62640", "Authorization: Basic YWxsLWtleTo="), 401, 1401);
        assertError(http.get(INFO + "?cid=62640", "Authorization: Bearer c9fba672736dfdaebd80504b8eaafb1ed81099e499e73a1a215bae27a83b62f5"), 401, 1401);
        assertError(http.post(INFO, FORM, "cid=62640"), 401, 1401);
    }

    @Test
    void overTheRateLimitIs1429WithRetryAfter() {
        // the limited key allows one request per 100 s; another test class may have used it already
        Response first = http.get(INFO + "?cid=62640", LIMITED);
        assertThat(first.status()).isIn(200, 429);
        Response limited = http.get(INFO + "?cid=62640", LIMITED);
        assertError(limited, 429, 1429);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 100L);
        assertGolden(http.get(INFO + "?cid=62640", ALL));
    }

    @Test
    void storeDownIs1503() {
        store.unavailable(true);
        assertError(http.get(INFO + "?cid=62640", ALL), 503, 1503);
    }

    @Test
    void unexpectedFailureIs1500WithARequestIdAndNoStackTrace() {
        store.put(1, "666", "CIV1|x|garbage\n{}".getBytes(StandardCharsets.UTF_8));
        Response response = http.get(INFO + "?cid=666", ALL);
        assertError(response, 500, 1500);
        assertThat(response.header("X-Request-Id")).isNotBlank();
        assertThat(Golden.json(response).get("errMsg").asString()).contains(response.header("X-Request-Id"))
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void ifNoneMatchWithTheCurrentTagIs304WithoutBody() {
        Response first = http.get(INFO + "?cid=62640", ALL);
        String etag = first.header("ETag");
        Response again = http.get(INFO + "?cid=62640", ALL, "If-None-Match: " + etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(again.header("X-Cache-At")).isEqualTo("1592272800");
        assertThat(http.get(INFO + "?cid=62640", ALL, "If-None-Match: \"x\", W/" + etag).status()).isEqualTo(304);
        assertGolden(http.get(INFO + "?cid=62640", ALL, "If-None-Match: \"1.11.202006\""));
        assertError(http.get(INFO + "?cid=62640", ORG2, "If-None-Match: " + etag), 404, 1004);
    }

    @Test
    void monthRolloverServesTheNewMonthsFigureAndTag() {
        clock.set(OffsetDateTime.parse("2020-07-01T00:00:00+08:00").toInstant());
        Response july = http.get(INFO + "?cid=62640", ALL);
        assertThat(july.status()).isEqualTo(200);
        assertThat(Golden.json(july).get("data").get("purchase_amount").asString()).isEqualTo("0.00");
        assertThat(july.header("ETag")).isEqualTo("\"1.12.202007\"");
        ResponseSchema.assertValid(july);
        clock.set(OffsetDateTime.parse("2020-05-31T23:59:59+08:00").toInstant());
        assertThat(Golden.json(http.get(INFO + "?cid=62640", ALL)).get("data").get("purchase_amount").asString())
                .isEqualTo("560.00");
    }

    @Test
    void otherMethodsAreNotAllowed() {
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "HEAD", "BREW", "TRACE"}) {
            Response response = http.send(method, (INFO + "?cid=62640").getBytes(StandardCharsets.US_ASCII),
                    method.equals("HEAD") || method.equals("TRACE") ? null : new byte[0], ALL);
            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.header("Allow")).as(method).isEqualTo("GET, POST, OPTIONS");
            if (!method.equals("HEAD")) {
                assertError(response, 405, 1405);
            }
        }
    }

    @Test
    void anHttpVersionTomcatDoesNotSpeakIsTheClientsMistake() {
        Response response = http.send("GET", (INFO + "?cid=62640 HTTP/9.9\r\nX-Ignored: x").getBytes(
                StandardCharsets.US_ASCII), null, ALL);
        assertError(response, 505, 1001);
    }

    static byte[] concat(byte[] a, byte[] b) {
        return TestBytes.concat(a, b);
    }
}
