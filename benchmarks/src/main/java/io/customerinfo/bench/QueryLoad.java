package io.customerinfo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import io.customerinfo.embedded.http.OpenLoop;
import io.customerinfo.embedded.http.RawHttp;
import io.customerinfo.embedded.http.Wrk;
import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;
import redis.clients.jedis.Jedis;

/**
 * #4 query throughput and latency against nginx serving the golden response, #5 batch queries, #8 query API
 * heap. Requests spread over {@code queryCustomers} customers stored in Redis (those #1 left, else a projection
 * of a mix of that many customers made here). Each repetition runs wrk on nginx, then on the API, back to back.
 */
final class QueryLoad {

    private static final Topics TOPICS = Topics.withPrefix("bench4.crm.");
    private static final int BATCH_SIZE = 100;
    private static final int WRK_THREADS = 2;

    private QueryLoad() {
    }

    static void run(BenchContext ctx, Measurement rps, Measurement p99, Measurement openLoop, Measurement batch,
            Measurement heap) {
        BenchOptions o = ctx.options;
        Optional<Path> wrkPath = ExternalTools.find(o.wrk());
        Optional<Path> nginxPath = ExternalTools.find(o.nginx());
        if (wrkPath.isEmpty()) {
            String why = "skipped: wrk not found (" + o.wrk() + "); " + ExternalTools.INSTALL_HINT;
            rps.skip(why);
            p99.skip(why);
            openLoop.skip(why);
            batch.skip(why);
            heap.skip(why);
            ctx.log("#4/#5 %s", why);
            return;
        }
        RedisFootprint.Documents stored = storedCustomers(ctx);
        List<String> cids = stored.cids();
        rps.note(String.format("requests spread over %,d stored customers; stored views in Redis average %,.0f B", cids.size(), stored.averageBytes()));
        AppJvm api = ctx.queryApi();
        Path scripts = ctx.workDir.resolve("wrk");
        Path info = infoScript(scripts, cids, o.queryMethod());
        Path batchScript = Wrk.spreadScript(scripts.resolve("batch.lua"), Wrk.Method.POST, "/crm/customer/batch_info", "cids",
                BATCH_SIZE, cids, Map.of("X-Api-Key", AppLauncher.API_KEY));
        Wrk wrk = new Wrk(wrkPath.get(), WRK_THREADS, o.connections(), Duration.ofSeconds(5));
        Duration warm = o.queryWarmUp();
        Duration nginxWarm = Duration.ofSeconds(o.smoke() ? 1 : 5);
        NginxStatic nginx = null;
        try {
            if (nginxPath.isPresent()) {
                nginx = NginxStatic.start(nginxPath.get(), ctx.workDir.resolve("nginx"));
                ctx.cleanup.add("nginx", nginx::close);
                rps.note(String.format("nginx serves the compact golden response (%,d B)", nginx.goldenBytes()));
            } else {
                String why = "nginx not found (" + o.nginx() + "), no baseline ratio; " + ExternalTools.INSTALL_HINT;
                rps.note(why);
                ctx.log("#4 %s", why);
            }
            ctx.log("#4 warming up: wrk %d s on the API (info, then batch_info), %d s on nginx", warm.toSeconds(),
                    nginxWarm.toSeconds());
            wrk.run(api.url("/crm/customer/info"), Optional.of(info), warm);
            wrk.run(api.url("/crm/customer/batch_info"), Optional.of(batchScript), nginxWarm);
            if (nginx != null) {
                wrk.run(nginx.url(), Optional.empty(), nginxWarm);
            }
            double hitsBefore = api.metric("query.cache.lookups", "result:hit");
            double missesBefore = api.metric("query.cache.lookups", "result:miss");
            double bypassBefore = api.metric("query.cache.lookups", "result:bypass");
            long failures = 0;
            double apiCpuPer10k = Double.NaN;
            double redisCpuPer10k = Double.NaN;
            for (int rep = 1; rep <= o.repetitions(); rep++) {
                Wrk.Result base = nginx == null ? null : wrk.run(nginx.url(), Optional.empty(), o.wrkDuration());
                api.startHeapSampling();
                double apiCpu = api.cpuSeconds();
                double redisCpu = redisCpu(ctx);
                Wrk.Result r = wrk.run(api.url("/crm/customer/info"), Optional.of(info), o.wrkDuration());
                long peak = api.stopHeapSampling();
                apiCpuPer10k = (api.cpuSeconds() - apiCpu) * 1e4 / r.requests();
                redisCpuPer10k = (redisCpu(ctx) - redisCpu) * 1e4 / r.requests();
                failures += r.failures();
                if (base == null) {
                    rps.add(r.requestsPerSecond());
                } else {
                    rps.add(r.requestsPerSecond(), base.requestsPerSecond());
                }
                p99.add(r.p99Millis());
                AppJvm.HeapAfterGc live = api.liveHeap();
                HeapTarget.add(heap, live);
                ctx.log("#4 run %d: API %,.0f req/s p50 %.2f ms p99 %.2f ms (%d failed)%s, peak heap %.0f MiB, live after GC %.0f MiB", rep,
                        r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.failures(),
                        base == null ? "" : String.format(", nginx %,.0f req/s p99 %.2f ms (ratio %.2f)",
                                base.requestsPerSecond(), base.p99Millis(), r.requestsPerSecond() / base.requestsPerSecond()),
                        peak / 1048576.0, live.liveMiB());
            }
            double hits = api.metric("query.cache.lookups", "result:hit") - hitsBefore;
            double lookups = hits + api.metric("query.cache.lookups", "result:miss") - missesBefore
                    + api.metric("query.cache.lookups", "result:bypass") - bypassBefore;
            rps.note(String.format("near cache: %.1f%% of the measured runs' lookups were hits; %,.0f entries weighing"
                            + " %.1f MiB", lookups > 0 ? 100 * hits / lookups : 0, api.metric("query.cache.entries"),
                    api.metric("query.cache.bytes") / 1048576.0));
            rps.note(String.format("wrk -t%d -c%d -d%ds, %s with X-Api-Key over %,d customers; %d failed answers in all;"
                            + " last run's CPU per 10k requests: query API JVM %.2f s, Redis %.2f s",
                    WRK_THREADS, o.connections(), o.wrkDuration().toSeconds(),
                    o.queryMethod() == BenchOptions.QueryMethod.GET ? "GET ?cid=" : "POST cid= form", cids.size(), failures, apiCpuPer10k,
                    redisCpuPer10k));
            measureOpenLoop(ctx, openLoop, api, nginx, cids);
            for (int rep = 1; rep <= o.repetitions(); rep++) {
                Wrk.Result r = wrk.run(api.url("/crm/customer/batch_info"), Optional.of(batchScript), o.batchDuration());
                double docs = r.requestsPerSecond() * BATCH_SIZE;
                batch.add(docs, rps.medianValue());
                ctx.log("#5 run %d: %,.0f batch req/s = %,.0f documents/s, p99 %.2f ms (%d failed)", rep,
                        r.requestsPerSecond(), docs, r.p99Millis(), r.failures());
            }
            batch.note(String.format("wrk -t%d -c%d -d%ds, POST %d random cids per request; baseline = #4 median (1 document per request)",
                    WRK_THREADS, o.connections(), o.batchDuration().toSeconds(), BATCH_SIZE));
        } finally {
            if (nginx != null) {
                nginx.close();
            }
        }
    }

    /**
     * #4b: the API and nginx each under the same fixed offered rate, open loop, back to back per repetition; the
     * API's requests as in #4 (same customers, method and key), nginx's the golden file.
     */
    private static void measureOpenLoop(BenchContext ctx, Measurement openLoop, AppJvm api, NginxStatic nginx,
            List<String> cids) {
        BenchOptions o = ctx.options;
        List<byte[]> apiRequests = new ArrayList<>(cids.size());
        String key = "X-Api-Key: " + AppLauncher.API_KEY;
        List<String> shuffled = new ArrayList<>(cids);
        Collections.shuffle(shuffled, new Random(4));
        for (String cid : shuffled) {
            apiRequests.add(o.queryMethod() == BenchOptions.QueryMethod.GET
                    ? RawHttp.request("GET", ascii("/crm/customer/info?cid=" + cid), null, key)
                    : RawHttp.request("POST", ascii("/crm/customer/info"), ascii("cid=" + cid), key,
                            "Content-Type: application/x-www-form-urlencoded"));
        }
        Duration timeout = Duration.ofSeconds(10);
        OpenLoop apiLoad = new OpenLoop(api.url("/").getPort(), o.connections(), timeout);
        OpenLoop nginxLoad = nginx == null ? null : new OpenLoop(nginx.url().getPort(), o.connections(), timeout);
        List<byte[]> nginxRequests = nginx == null ? List.of()
                : List.of(RawHttp.request("GET", ascii(nginx.url().getRawPath()), null));
        long failures = 0;
        for (int rep = 1; rep <= o.repetitions(); rep++) {
            OpenLoop.Result base = nginxLoad == null ? null : nginxLoad.run(nginxRequests, o.openLoopRate(), o.openLoopDuration());
            OpenLoop.Result r = apiLoad.run(apiRequests, o.openLoopRate(), o.openLoopDuration());
            failures += r.failures() + (base == null ? 0 : base.failures());
            if (base == null) {
                openLoop.add(r.p99Millis());
            } else {
                openLoop.add(r.p99Millis(), base.p99Millis());
            }
            ctx.log("#4b run %d at %,d req/s offered: API answered %,.0f/s, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.1f ms"
                            + " (%d failed)%s", rep, o.openLoopRate(), r.answeredPerSecond(), r.p50Millis(), r.p99Millis(),
                    r.p999Millis(), r.maxMillis(), r.failures(), base == null ? "" : String.format(
                            "; nginx answered %,.0f/s, p50 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.1f ms (%d failed)",
                            base.answeredPerSecond(), base.p50Millis(), base.p99Millis(), base.p999Millis(),
                            base.maxMillis(), base.failures()));
        }
        openLoop.note(String.format("%,d req/s offered for %d s per run over %d keep-alive connections, each latency from"
                        + " when its request was due (corrected for coordinated omission); %s; %d failed answers in all",
                o.openLoopRate(), o.openLoopDuration().toSeconds(), o.connections(),
                nginx == null ? "no nginx: no ratio" : "nginx serves the golden file at the same rate just before", failures));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static double redisCpu(BenchContext ctx) {
        try (Jedis jedis = ctx.servers.redis()) {
            return RedisFootprint.cpuSeconds(jedis);
        }
    }

    /** Up to {@code queryCustomers} cids with a stored document; projects a mix of that many when Redis has fewer. */
    private static RedisFootprint.Documents storedCustomers(BenchContext ctx) {
        int wanted = ctx.options.queryCustomers();
        try (Jedis jedis = ctx.servers.redis()) {
            RedisFootprint.Documents docs = RedisFootprint.documents(jedis, wanted);
            if (docs.cids().size() >= wanted) {
                ctx.log("#4 %,d stored customers to query (average stored view %,.0f B)", docs.cids().size(), docs.averageBytes());
                return docs;
            }
        }
        ctx.log("#4 projecting a mix of %,d customers to query", wanted);
        ctx.servers.createTopics(TOPICS.all());
        RedisFootprint.reset(ctx.servers);
        long total = Preload.publish(ctx.servers, Simulation.stream(SimulationConfig.builder().seed(4)
                .customers(wanted + wanted / 5).events(15 * wanted).topics(TOPICS).build()));
        String group = "bench4-" + UUID.randomUUID().toString().substring(0, 8);
        try (AppJvm projector = ctx.apps.projector(group, TOPICS)) {
            new ProjectorPositions(ctx.servers, group).await(new long[] {total}, BenchContext.drainTimeout(total), projector);
        }
        try (Jedis jedis = ctx.servers.redis()) {
            RedisFootprint.Documents docs = RedisFootprint.documents(jedis, wanted);
            ctx.log("#4 %,d stored customers to query (average stored view %,.0f B)", docs.cids().size(), docs.averageBytes());
            return docs;
        }
    }

    /** Requests for {@code crm/customer/info} over {@code cids}: a form POST, as the clients send it, or GET ?cid=. */
    private static Path infoScript(Path dir, List<String> cids, BenchOptions.QueryMethod method) {
        Wrk.Method wrkMethod = switch (method) {
            case GET -> Wrk.Method.GET;
            case POST -> Wrk.Method.POST;
        };
        return Wrk.spreadScript(dir.resolve("info.lua"), wrkMethod, "/crm/customer/info", "cid", 1, cids,
                Map.of("X-Api-Key", AppLauncher.API_KEY));
    }
}
