package io.customerinfo.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerinfo.embedded.http.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A real embedded Tomcat on a random port over the fake store. Callers: {@code all-key} (every org),
 * {@code org2-key} (org 2 only), {@code limited-key} (every org, 1 request per 100 s).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "query.auth.keys=" + WebTestSupport.KEYS,
        "query.generation-refresh=50ms",
        // the fake store announces nothing: no near cache (a Redis on localhost:6379 would switch it on)
        "query.cache.enabled=false",
        "query.body-timeout=2s",
        "logging.level.io.customerinfo.query.web=OFF" })
@Import(FakeStoreConfiguration.class)
public abstract class WebTestSupport {

    public static final String ALL = "X-Api-Key: all-key";
    public static final String ORG2 = "X-Api-Key: org2-key";
    public static final String LIMITED = "X-Api-Key: limited-key";
    /** SHA-256 of all-key, org2-key and limited-key; {@code keysMatchTheirHashes} checks them. */
    static final String KEYS = "all:c9fba672736dfdaebd80504b8eaafb1ed81099e499e73a1a215bae27a83b62f5:*;"
            + "org2:ad72e3f1acb0ee258bb4b99f4127e14ed729a6c7852ab7667bef5025c4aabe80:2;"
            + "limited:f33b2500796d61f96eeef0f5331ddc40c17e434aff139f4d9e00bfe75170d87a:*:0.01";

    @Autowired
    protected FakeDocumentStore store;
    @Autowired
    protected MutableClock clock;
    @LocalServerPort
    protected int port;
    protected RawHttp.OneShot http;

    @BeforeEach
    protected void resetWorld() {
        store.reset();
        store.put(1, Golden.CID, Golden.view());
        clock.set(Golden.SERVED_AT);
        http = new RawHttp.OneShot(port);
    }

    protected static void assertError(RawHttp.Response response, int status, int errCode) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(Golden.errCode(response)).as(response.text()).isEqualTo(errCode);
        assertThat(Golden.json(response).get("data").isNull()).isTrue();
        assertThat(Golden.json(response).propertyNames()).containsExactly("errCode", "errMsg", "data");
        ResponseSchema.assertValid(response);
    }
}
