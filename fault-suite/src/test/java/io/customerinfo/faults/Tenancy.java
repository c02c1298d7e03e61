package io.customerinfo.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 8: every customer the world knows (live or not), asked with each org's key, with no key and with
 * an unknown key. A key reads exactly its own org's live customers (1000, the document of that id) and gets
 * 1004 for everything else; no key and unknown keys get 1401.
 */
final class Tenancy {

    private static final int THREADS = 8;

    record Result(int customers, long requests, long served, long notFound, long unauthorized, List<String> wrong) {
        String describe() {
            return String.format(Locale.ROOT, "%,d customers x (3 org keys + no key + unknown key) = %,d requests:"
                    + " %,d served to their own org, %,d answered 1004, %,d answered 1401, %d wrong",
                    customers, requests, served, notFound, unauthorized, wrong.size());
        }
    }

    private Tenancy() {
    }

    /**
     * Asks every live customer once with its own org's key, so that the query API's near cache holds the
     * documents before {@link #check} asks for them with the other orgs' keys; returns the requests answered 200.
     */
    static long warm(App api, Map<Long, String> liveOrgs, Map<String, String> orgKeys) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicLong ok = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<Long, String> live : liveOrgs.entrySet()) {
                work.add(pool.submit(() -> {
                    if (ask(http, api, live.getKey(), orgKeys.get(live.getValue())).startsWith("200 ")) {
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("warming the near cache failed to run", e);
        } finally {
            pool.shutdownNow();
        }
        return ok.get();
    }

    /** @param liveOrgs {@link World#liveOrgs}, computed once: the reference model renders every document for it */
    static Result check(App api, World world, Map<Long, String> liveOrgs, Map<String, String> orgKeys) {
        List<Long> ids = world.customerIds().stream().sorted().toList();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        AtomicLong requests = new AtomicLong();
        AtomicLong served = new AtomicLong();
        AtomicLong notFound = new AtomicLong();
        AtomicLong unauthorized = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (long id : ids) {
                work.add(pool.submit(() -> {
                    String org = liveOrgs.get(id);
                    for (Map.Entry<String, String> key : orgKeys.entrySet()) {
                        String answer = ask(http, api, id, key.getValue());
                        requests.incrementAndGet();
                        if (key.getKey().equals(org)) {
                            if (answer.startsWith("200 {\"errCode\":1000,") && answer.contains("\"data\":{\"id\":\"" + id + "\"")) {
                                served.incrementAndGet();
                            } else {
                                wrong.add("org " + key.getKey() + " key, own customer " + id + ": " + abbreviate(answer));
                            }
                        } else if (answer.startsWith("404 {\"errCode\":1004,")) {
                            notFound.incrementAndGet();
                        } else {
                            wrong.add("org " + key.getKey() + " key, customer " + id + " of org " + org + ": " + abbreviate(answer));
                        }
                    }
                    for (String key : new String[] {null, "not-a-key-" + id}) {
                        String answer = ask(http, api, id, key);
                        requests.incrementAndGet();
                        if (answer.startsWith("401 {\"errCode\":1401,")) {
                            unauthorized.incrementAndGet();
                        } else {
                            wrong.add((key == null ? "no key" : "unknown key") + ", customer " + id + ": " + abbreviate(answer));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("tenancy check failed to run", e);
        } finally {
            pool.shutdownNow();
        }
        return new Result(ids.size(), requests.get(), served.get(), notFound.get(), unauthorized.get(), List.copyOf(wrong));
    }

    /** Requests sent again because the JDK client's pooled connection was gone when it reused it. */
    private static final AtomicLong RESENT = new AtomicLong();

    /**
     * Asks once; a request that failed before any answer came (the JDK client can pick a pooled keep-alive
     * connection at the moment it closes: "header parser received no bytes") is sent again once on a new
     * connection. What the scenario judges is who sees which document, not the transport; the resends are counted
     * in the summary ({@link #resent}).
     */
    private static String ask(HttpClient http, App api, long id, String key) throws IOException, InterruptedException {
        try {
            return askOnce(http, api, id, key);
        } catch (IOException e) {
            RESENT.incrementAndGet();
            return askOnce(http, api, id, key);
        }
    }

    static long resent() {
        return RESENT.get();
    }

    private static String askOnce(HttpClient http, App api, long id, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.url("/crm/customer/info")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("cid=" + id));
        if (key != null) {
            request.header("X-Api-Key", key);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
