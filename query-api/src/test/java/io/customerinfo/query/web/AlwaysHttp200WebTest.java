package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerinfo.query.support.FakeDocumentStore;
import io.customerinfo.query.support.FakeStoreConfiguration;
import io.customerinfo.query.support.Golden;
import io.customerinfo.embedded.http.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/** {@code compat.always-http-200}: every envelope with HTTP 200, errCode unchanged; auth switched off. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "query.compat.always-http-200=true", "query.auth.enabled=false", "query.cache.enabled=false" })
@Import(FakeStoreConfiguration.class)
class AlwaysHttp200WebTest {

    @Autowired
    FakeDocumentStore store;
    @LocalServerPort
    int port;

    @Test
    void errorsAreHttp200() {
        store.put(1, Golden.CID, Golden.view());
        RawHttp.OneShot http = new RawHttp.OneShot(port);
        RawHttp.Response ok = http.get("/crm/customer/info?cid=62640");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(Golden.compactResponse());
        assertThat(http.get("/crm/customer/info?cid=x").status()).isEqualTo(200);
        assertThat(Golden.errCode(http.get("/crm/customer/info?cid=x"))).isEqualTo(1001);
        assertThat(Golden.errCode(http.get("/crm/customer/info?cid=1"))).isEqualTo(1004);
        assertThat(http.get("/crm/customer/info?cid=1").status()).isEqualTo(200);
        store.unavailable(true);
        assertThat(http.get("/crm/customer/info?cid=62640").status()).isEqualTo(200);
        assertThat(Golden.errCode(http.get("/crm/customer/info?cid=62640"))).isEqualTo(1503);
    }
}
