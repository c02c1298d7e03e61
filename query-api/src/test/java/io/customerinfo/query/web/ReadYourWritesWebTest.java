package io.customerinfo.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.embedded.http.RawHttp.Response;
import io.customerinfo.query.consistency.ReadYourWrites;
import io.customerinfo.query.support.Golden;
import io.customerinfo.query.support.WebTestSupport;

/**
 * Read-your-writes on a real embedded Tomcat (the deployed 4 request threads) over the fake store, which announces
 * nothing: waiting requests are woken by the rechecks here; NearCacheIT-style wake-ups by announcements are in
 * QueryApiIT.
 */
class ReadYourWritesWebTest extends WebTestSupport {

    private static final String INFO = "/crm/customer/info?cid=" + Golden.CID;
    private final ExecutorService clients = Executors.newCachedThreadPool();

    @Autowired
    private ReadYourWrites readYourWrites;

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private static byte[] newerView() {
        return Golden.view(13, Golden.CACHE_AT + 60, Golden.CID, "1", "202006", Golden.MONTHS);
    }

    private CompletableFuture<Response> getLater(String... headers) {
        return CompletableFuture.supplyAsync(() -> http.get(INFO, headers), clients);
    }

    @Test
    void aChangeAlreadyAppliedIsAnsweredAtOnce() {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L, "order:7", 2L, "customer", 4L));

        for (String reflects : List.of("contact:9001:5", "contact:9001:3", "order:7:2, customer:62640:4")) {
            Response r = http.get(INFO, ALL, "X-Reflects: " + reflects);
            assertThat(r.status()).as(reflects).isEqualTo(200);
            assertThat(r.body()).as(reflects).isEqualTo(Golden.compactResponse());
            assertThat(r.header("X-Reflected")).as(reflects).isEqualTo("true");
            assertThat(r.nanos()).as(reflects).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        }
    }

    @Test
    void aRequestWithoutTheHeaderNeverWaitsAndSaysNothingAboutIt() {
        Response r = http.get(INFO, ALL);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Reflected")).isNull();
    }

    @Test
    void waitsForTheCommitThatAppliesTheChangeAndAnswersWithItsDocument() throws Exception {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));
        long began = System.nanoTime();
        CompletableFuture<Response> answer = getLater(ALL, "X-Reflects: contact:9001:6", "X-Reflects-Wait: 5000");
        await().atMost(Duration.ofSeconds(2)).until(() -> readYourWrites.waiting() == 1);
        Thread.sleep(300);
        assertThat(answer).isNotDone();

        store.commit(1, Golden.CID, newerView(), Map.of("contact:9001", 6L));

        Response r = answer.get(3, TimeUnit.SECONDS);
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("X-Reflected")).isEqualTo("true");
        assertThat(r.header("ETag")).isEqualTo("\"1.13.202006\"");
        assertThat(r.header("X-Cache-At")).isEqualTo(Long.toString(Golden.CACHE_AT + 60));
        assertThat(waitedMillis).isBetween(300L, 4000L);
        assertThat(readYourWrites.waiting()).isZero();
    }

    @Test
    void whenTheBoundPassesAnswersWithWhatItHasAndSaysSo() {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));

        Response r = http.get(INFO, ALL, "X-Reflects: contact:9001:9", "X-Reflects-Wait: 400");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Golden.compactResponse());
        assertThat(r.header("X-Reflected")).isEqualTo("false");
        assertThat(r.nanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(400), TimeUnit.MILLISECONDS.toNanos(3000));
    }

    @Test
    void withoutAnnouncementsAWaitIsRecheckedAtDoublingIntervalsNotEvery100Ms() {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));
        long before = store.versionReads();

        Response r = http.get(INFO, ALL, "X-Reflects: contact:9001:9", "X-Reflects-Wait: 1600");

        assertThat(r.header("X-Reflected")).isEqualTo("false");
        // at once, once more after registering, rechecks at 100, 300, 700 and 1500 ms, and the last read at 1600 ms:
        // 7; a recheck every 100 ms would have made 18
        assertThat(store.versionReads() - before).isBetween(5L, 9L);
    }

    @Test
    void aCustomerNotYetProjectedIsWaitedForAndThenFoundOrNot() throws Exception {
        Response missing = http.get("/crm/customer/info?cid=70001", ALL, "X-Reflects: customer:70001:1",
                "X-Reflects-Wait: 300");
        assertError(missing, 404, 1004);
        assertThat(missing.header("X-Reflected")).isEqualTo("false");

        CompletableFuture<Response> answer = CompletableFuture.supplyAsync(() -> http.get(
                "/crm/customer/info?cid=70002", ALL, "X-Reflects: customer:70002:1"), clients);
        await().atMost(Duration.ofSeconds(2)).until(() -> readYourWrites.waiting() == 1);
        store.commit(1, "70002", Golden.view(1, "70002", "1", "202006", ""), Map.of("customer", 1L));
        Response found = answer.get(3, TimeUnit.SECONDS);
        assertThat(found.status()).as(found.text()).isEqualTo(200);
        assertThat(found.header("X-Reflected")).isEqualTo("true");
        assertThat(Golden.json(found).get("data").get("id").asText()).isEqualTo("70002");
    }

    @Test
    void waitingRequestsHoldNoRequestThread() throws Exception {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));
        List<CompletableFuture<Response>> waiting = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            waiting.add(getLater(ALL, "X-Reflects: contact:9001:6", "X-Reflects-Wait: 8000"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> readYourWrites.waiting() == 12);

        // three times the 4 request threads are waiting: a plain request is still answered at once
        Response plain = http.get(INFO, ALL);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.nanos()).isLessThan(TimeUnit.MILLISECONDS.toNanos(1000));

        store.commit(1, Golden.CID, newerView(), Map.of("contact:9001", 6L));
        for (CompletableFuture<Response> w : waiting) {
            Response r = w.get(5, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Reflected")).isEqualTo("true");
        }
    }

    @Test
    void aBodySentSlowlyThenWaitedFor() throws Exception {
        // the body arrives after the head: the request is already async when it starts to wait
        store.commit(1, Golden.CID, Golden.view(), Map.of("invoice:3", 1L));
        try (RawHttp connection = RawHttp.connect(port, Duration.ofSeconds(10))) {
            connection.send(("POST /crm/customer/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: all-key\r\n"
                    + "X-Reflects: invoice:3:2\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 9\r\n\r\ncid=").getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200);
            connection.send("62640".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(2)).until(() -> readYourWrites.waiting() == 1);
            store.commit(1, Golden.CID, newerView(), Map.of("invoice:3", 2L));
            Response r = connection.read(System.nanoTime());
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.header("X-Reflected")).isEqualTo("true");
            assertThat(r.header("ETag")).isEqualTo("\"1.13.202006\"");
        }
    }

    @Test
    void aStoreDownAtTheEndIsUnavailableNotAStaleAnswer() {
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));
        CompletableFuture<Response> answer = getLater(ALL, "X-Reflects: contact:9001:6", "X-Reflects-Wait: 500");
        await().atMost(Duration.ofSeconds(2)).until(() -> readYourWrites.waiting() == 1);
        store.unavailable(true);
        Response r = answer.join();
        assertError(r, 503, 1503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"contact", "contact:9001", "contact:x:1", "contact:1:0", "contacts:1:1",
            "customer:62641:1", "contact:1:1,", "order:1:99999999999999999999", "contact:-1:1"})
    void aMalformedChangeIsABadRequest(String reflects) {
        assertError(http.get(INFO, ALL, "X-Reflects: " + reflects), 400, 1001);
    }

    @Test
    void aMalformedWaitIsABadRequest() {
        assertError(http.get(INFO, ALL, "X-Reflects: contact:1:1", "X-Reflects-Wait: soon"), 400, 1001);
        assertError(http.get(INFO, ALL, "X-Reflects: contact:1:1", "X-Reflects-Wait: -1"), 400, 1001);
    }

    @Test
    void theWaitIsCappedByTheServer() throws IOException {
        // query.read-your-writes.max-wait is 2s by default: a request asking for a minute waits at most that
        store.commit(1, Golden.CID, Golden.view(), Map.of("contact:9001", 5L));
        Response r = http.get(INFO, ALL, "X-Reflects: contact:9001:6", "X-Reflects-Wait: 60000");
        assertThat(r.header("X-Reflected")).isEqualTo("false");
        assertThat(r.nanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(1900), TimeUnit.MILLISECONDS.toNanos(5000));
    }
}
