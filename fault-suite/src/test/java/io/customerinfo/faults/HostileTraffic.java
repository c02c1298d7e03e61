package io.customerinfo.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.customerinfo.embedded.http.RawHttp;

/**
 * The hostile side of scenario 7, in the background: a few threads send the corpus over and over (a new
 * connection per request), and slow clients hold connections open: some trickle their headers a byte at a
 * time, some announce a body and send it a byte at a time.
 */
final class HostileTraffic implements AutoCloseable {

    /** The request is cut short on purpose: waiting for the rest of it is right, not a hang. */
    private static final Set<String> INCOMPLETE = Set.of("content length lies");
    /**
     * The answers RFC 9110 prescribes for a method the server does not know (501) and an HTTP version it does
     * not speak (505): 5xx by number, but the request's fault. Any other 5xx fails the scenario.
     */
    private static final Set<Integer> PRESCRIBED_5XX = Set.of(501, 505);
    private static final int SENDERS = 4;
    private static final int TRICKLING_HEADERS = 48;
    private static final int TRICKLING_BODIES = 16;
    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final Duration READ_TIMEOUT = Duration.ofMillis(READ_TIMEOUT_MILLIS);

    private final int port;
    private final List<HostileCorpus.Case> corpus;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong slowHeld = new AtomicLong();
    private final AtomicLong slowAnswered = new AtomicLong();
    private volatile boolean running = true;

    HostileTraffic(int port, List<HostileCorpus.Case> corpus, String apiKey) {
        this.port = port;
        this.corpus = corpus;
        for (int s = 0; s < SENDERS; s++) {
            int first = s;
            threads.add(new Thread(() -> sendCorpus(first), "hostile-" + s));
        }
        for (int s = 0; s < TRICKLING_HEADERS; s++) {
            byte[] head = ("POST /crm/customer/info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + apiKey
                    + "\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            threads.add(new Thread(() -> trickle(new byte[0], head), "slow-headers-" + s));
        }
        for (int s = 0; s < TRICKLING_BODIES; s++) {
            byte[] body = ("cid=62640&pad=" + "p".repeat(400)).getBytes(StandardCharsets.UTF_8);
            byte[] head = RawHttp.post("/crm/customer/info", "application/x-www-form-urlencoded",
                    "X-Api-Key: " + apiKey + "\r\n", new byte[0]);
            String headers = new String(head, StandardCharsets.ISO_8859_1).replace("Content-Length: 0", "Content-Length: " + body.length);
            threads.add(new Thread(() -> trickle(headers.getBytes(StandardCharsets.ISO_8859_1), body), "slow-body-" + s));
        }
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
    }

    private void sendCorpus(int first) {
        for (int i = first; running; i += SENDERS) {
            HostileCorpus.Case c = corpus.get(i % corpus.size());
            int status;
            try (RawHttp http = RawHttp.connect(port, READ_TIMEOUT)) {
                status = http.exchange(c.request()).status();
            } catch (IOException e) {
                status = -1; // reset by the server: refusing to read a request is allowed
            }
            sent.incrementAndGet();
            byStatus.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
            if (status >= 500 && !PRESCRIBED_5XX.contains(status)) {
                failures.add(c.name() + ": HTTP " + status);
            } else if (status == -2 && !INCOMPLETE.contains(c.name())) {
                failures.add(c.name() + ": no answer within " + READ_TIMEOUT_MILLIS + " ms");
            }
        }
    }

    /**
     * Sends {@code atOnce}, then {@code slowly} one byte every 200 ms, then waits for the answer; reconnects
     * when the server hangs up.
     */
    private void trickle(byte[] atOnce, byte[] slowly) {
        while (running) {
            try (RawHttp http = RawHttp.connect(port, READ_TIMEOUT)) {
                slowHeld.incrementAndGet();
                http.send(atOnce);
                for (int i = 0; i < slowly.length && running; i++) {
                    http.send(new byte[] {slowly[i]});
                    Thread.sleep(200); // the point of a slow client: it is slow
                }
                if (!running) {
                    return;
                }
                int status = http.read(System.nanoTime()).status();
                slowAnswered.incrementAndGet();
                if (status >= 500) {
                    failures.add("slow client: HTTP " + status);
                }
            } catch (IOException e) {
                // the server closed a connection that was too slow: allowed
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long slowConnections() {
        return slowHeld.get();
    }

    Map<Integer, Long> byStatus() {
        Map<Integer, Long> out = new TreeMap<>();
        byStatus.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
