package io.customerinfo.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.customerinfo.simulator.PublishReport;
import io.customerinfo.simulator.Publisher;
import io.customerinfo.simulator.SimRecord;
import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * #3 freshness: while the simulator publishes the realistic mix at a steady rate, probes are produced one at a
 * time (customer events of the contract's sample customer, re-keyed to probe customers and carrying a marker in an
 * extra column, which the document passes through) and the query API is read until the marker shows. The latency
 * is from just before {@code send} to the first answer carrying the marker; it includes the query API's read.
 */
final class Freshness {

    private static final Topics TOPICS = Topics.withPrefix("bench3.crm.");
    private static final String SAMPLE = "schemas/examples/sample-events-62640.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long PROBE_BASE_ID = 9_000_001L;
    private static final int PROBE_CUSTOMERS = 20;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    /** The first probe also waits for the projector to join its group and catch up with the load. */
    private static final Duration FIRST_PROBE_TIMEOUT = Duration.ofSeconds(60);
    private static final long PAUSE_BETWEEN_PROBES_MILLIS = 20;
    /** #4c: the query API's near cache, commit (projector's clock) to eviction (the API's), same machine. */
    private static final String LAG_HISTOGRAM = "query_cache_announcement_lag_seconds";

    private Freshness() {
    }

    static void run(BenchContext ctx, Measurement p50, Measurement p99, Measurement announcementLag) {
        BenchOptions o = ctx.options;
        ctx.servers.createTopics(TOPICS.all());
        RedisFootprint.reset(ctx.servers);
        Duration warmUp = o.freshnessWarmUp();
        long seconds = warmUp.toSeconds() + o.repetitions() * o.freshnessDuration().toSeconds() + 120;
        SimulationConfig config = SimulationConfig.builder().seed(3).customers(10_000)
                .events((int) Math.min(Integer.MAX_VALUE, seconds * o.freshnessRate())).topics(TOPICS).build();
        AppJvm queryApi = ctx.queryApi();
        String group = "bench3-" + UUID.randomUUID().toString().substring(0, 8);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<PublishReport> background = new AtomicReference<>();
        Thread publisher = null;
        try (KafkaProducer<byte[], byte[]> producer = probeProducer(ctx.servers);
             AppJvm projector = ctx.apps.projector(group, TOPICS)) {
            Iterator<SimRecord> stream = Simulation.stream(config);
            Iterator<SimRecord> untilStopped = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return !stop.get() && stream.hasNext();
                }

                @Override
                public SimRecord next() {
                    return stream.next();
                }
            };
            publisher = new Thread(() -> {
                try (Publisher p = new Publisher(ctx.servers.kafkaBootstrap())) {
                    background.set(p.publish(untilStopped, o.freshnessRate(), Duration.ZERO, r -> { }));
                }
            }, "bench-freshness-load");
            var lagAtStart = queryApi.histogramBuckets(LAG_HISTOGRAM);
            publisher.start();
            Prober prober = new Prober(producer, queryApi.url("/crm/customer/info"));
            ctx.log("#3 background load %,d events/s; first probe, then warming up %d s", o.freshnessRate(), warmUp.toSeconds());
            double first = prober.probeOnce(FIRST_PROBE_TIMEOUT);
            boolean caughtUp = Double.isFinite(first);
            if (!caughtUp) {
                p50.add(first);
                p99.add(first);
                p99.note("the first probe was not visible within " + FIRST_PROBE_TIMEOUT.toSeconds()
                        + " s: the projector did not keep up with the load; no further runs");
            } else {
                prober.warmUp(warmUp);
            }
            for (int rep = 1; rep <= o.repetitions() && caughtUp; rep++) {
                var lagBefore = queryApi.histogramBuckets(LAG_HISTOGRAM);
                double[] millis = prober.probeFor(o.freshnessDuration());
                double lagP99 = Stats.bucketPercentile(lagBefore, queryApi.histogramBuckets(LAG_HISTOGRAM), 99) * 1000;
                if (Double.isNaN(lagP99)) {
                    announcementLag.note("run " + rep + ": no announcement reached the query API (near cache off?)");
                } else {
                    announcementLag.add(lagP99);
                }
                ctx.log("#4c run %d: announcement lag p99 <= %.1f ms (histogram bucket bound)", rep, lagP99);
                double a = Stats.percentile(millis, 50);
                double b = Stats.percentile(millis, 99);
                p50.add(a);
                p99.add(b);
                ctx.log("#3 run %d: %d probes, p50 %s, p99 %s, max %s", rep, millis.length, millis(a), millis(b),
                        millis(Stats.percentile(millis, 100)));
            }
            if (!caughtUp) {
                // the lag is commit to eviction, whether or not the projector keeps up with the load
                double lagP99 = Stats.bucketPercentile(lagAtStart, queryApi.histogramBuckets(LAG_HISTOGRAM), 99) * 1000;
                if (!Double.isNaN(lagP99)) {
                    announcementLag.add(lagP99);
                    announcementLag.note("measured over the first probe's wait (the projector fell behind the load)");
                }
            }
            stop.set(true);
            joinQuietly(publisher);
            projector.requireAlive();
            if (prober.timeouts() > 0) {
                p99.note(prober.timeouts() + " probes not visible within " + PROBE_TIMEOUT.toSeconds()
                        + " s (a percentile that falls on one is a timeout, not a latency): the projector did not keep up with the load; the last: "
                        + prober.lastTimeout());
            }
            PublishReport report = background.get();
            if (report != null) {
                p99.note(String.format("background load reached %,.0f events/s (target %,d)", report.recordsPerSecond(),
                        o.freshnessRate()));
            }
            announcementLag.note(String.format("during #3's runs at %,d events/s: the upper bound of the histogram bucket"
                    + " holding the 99th percentile of query_cache_announcement_lag_seconds", o.freshnessRate()));
            p50.note(String.format("one probe at a time, %d ms apart, %d probe customers; latency from send to the API answering the new version",
                    PAUSE_BETWEEN_PROBES_MILLIS, PROBE_CUSTOMERS));
        } finally {
            stop.set(true);
            if (publisher != null) {
                joinQuietly(publisher);
            }
        }
    }

    private static String millis(double v) {
        return Double.isInfinite(v) ? "timeout" : String.format(java.util.Locale.ROOT, "%.1f ms", v);
    }

    private static KafkaProducer<byte[], byte[]> probeProducer(BenchServers servers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-freshness-probe");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends probe events one at a time and measures until each is visible. */
    private static final class Prober {
        private final KafkaProducer<byte[], byte[]> producer;
        private final URI endpoint;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        private final ObjectNode template;
        private final String topic = TOPICS.customer();
        private final long versionBase = System.currentTimeMillis();
        private long seq;
        private long timeouts;
        private String lastTimeout = "";

        Prober(KafkaProducer<byte[], byte[]> producer, URI endpoint) {
            this.producer = producer;
            this.endpoint = endpoint;
            this.template = sampleCustomerEvent();
        }

        /**
         * Probes for {@code duration}. A probe not visible within {@link #PROBE_TIMEOUT} is infinitely late (the
         * projector is not keeping up): a percentile that falls on one is shown as a timeout, never as the probe's
         * timeout in milliseconds. After 3 in a row the run ends early.
         */
        double[] probeFor(Duration duration) {
            List<Double> millis = new ArrayList<>();
            long end = System.nanoTime() + duration.toNanos();
            int timeoutsInRow = 0;
            while (System.nanoTime() < end && timeoutsInRow < 3) {
                double m = probeOnce(PROBE_TIMEOUT);
                timeoutsInRow = Double.isInfinite(m) ? timeoutsInRow + 1 : 0;
                timeouts += timeoutsInRow > 0 ? 1 : 0;
                millis.add(m);
                LockSupport.parkNanos(Duration.ofMillis(PAUSE_BETWEEN_PROBES_MILLIS).toNanos());
            }
            return millis.stream().mapToDouble(Double::doubleValue).toArray();
        }

        long timeouts() {
            return timeouts;
        }

        String lastTimeout() {
            return lastTimeout;
        }

        /**
         * Probes for {@code duration} whatever the answers (nothing counted): the load runs on while the projector's
         * JIT warms up and any backlog of its cold start drains.
         */
        void warmUp(Duration duration) {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                probeOnce(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                LockSupport.parkNanos(Duration.ofMillis(PAUSE_BETWEEN_PROBES_MILLIS).toNanos());
            }
        }

        /** Milliseconds until visible; {@link Double#POSITIVE_INFINITY} when not visible within {@code timeout}. */
        private double probeOnce(Duration timeout) {
            long n = ++seq;
            String cid = Long.toString(PROBE_BASE_ID + n % PROBE_CUSTOMERS);
            String marker = "\"bench_probe\":\"" + n + "\"";
            ObjectNode event = template.deepCopy();
            event.put("event_id", "bench-probe-" + n);
            event.put("id", cid);
            event.put("customer_id", cid);
            event.put("version", versionBase + n);
            event.put("occurred_at", System.currentTimeMillis());
            ObjectNode data = (ObjectNode) event.get("data");
            data.put("id", cid);
            data.put("bench_probe", Long.toString(n));
            byte[] value = JSON.writeValueAsBytes(event);
            HttpRequest read = HttpRequest.newBuilder(URI.create(endpoint + "?cid=" + cid))
                    .header("X-Api-Key", AppLauncher.API_KEY).timeout(Duration.ofSeconds(2)).GET().build();
            long sent = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, cid.getBytes(StandardCharsets.UTF_8), value));
            long deadline = sent + timeout.toNanos();
            String last = "no answer";
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> r = http.send(read, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    if (r.statusCode() == 200 && r.body().contains(marker)) {
                        return (System.nanoTime() - sent) / 1e6;
                    }
                    last = "HTTP " + r.statusCode() + " " + r.body().substring(0, Math.min(120, r.body().length()));
                } catch (IOException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while probing customer " + cid, e);
                }
                LockSupport.parkNanos(500_000);
            }
            lastTimeout = "probe " + n + " (customer " + cid + "), last answer: " + last;
            return Double.POSITIVE_INFINITY;
        }

        private static ObjectNode sampleCustomerEvent() {
            try (InputStream in = Freshness.class.getClassLoader().getResourceAsStream(SAMPLE)) {
                if (in == null) {
                    throw new IllegalStateException(SAMPLE + " is not on the classpath (schemas jar)");
                }
                String firstLine = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
                JsonNode line = JSON.readTree(firstLine);
                if (!"customer".equals(line.get("value").get("entity").asString())) {
                    throw new IllegalStateException("the first sample event is not a customer event: " + firstLine);
                }
                return (ObjectNode) line.get("value");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + SAMPLE, e);
            }
        }
    }
}
