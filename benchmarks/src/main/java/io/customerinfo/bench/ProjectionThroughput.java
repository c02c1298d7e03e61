package io.customerinfo.bench;

import java.util.List;
import java.util.UUID;

import io.customerinfo.simulator.Simulation;
import io.customerinfo.simulator.SimulationConfig;
import io.customerinfo.simulator.Topics;
import redis.clients.jedis.Jedis;

/**
 * #1 projection throughput vs the raw baseline, #6 Redis bytes per customer, #7 rebuild rate vs #1, #8 projector
 * heap. The realistic mix is pre-loaded once; each repetition drains it from the start twice into an empty Redis:
 * first with the raw baseline consumer, then with a fresh projector JVM (new group), which then rebuilds it (#7).
 * Redis is left holding the last projection, which #4 and #5 query.
 */
final class ProjectionThroughput {

    private static final Topics TOPICS = Topics.withPrefix("bench1.crm.");
    private ProjectionThroughput() {
    }

    static void run(BenchContext ctx, Measurement throughput, Measurement memory, Measurement heap,
                    Measurement rebuild) {
        BenchOptions o = ctx.options;
        ctx.servers.createTopics(TOPICS.all());
        SimulationConfig config = SimulationConfig.builder().seed(8).customers(o.customers()).events(o.events())
                .topics(TOPICS).build();
        ctx.log("#1 pre-loading %,d events for %,d customers (realistic mix) into Kafka", o.events(), o.customers());
        long began = System.nanoTime();
        Preload.publish(ctx.servers, Simulation.stream(config));
        long total = ctx.servers.endOffsets(TOPICS.all()).values().stream().mapToLong(Long::longValue).sum();
        // the first records warm both consumers up (JIT, connections, caches) and are not timed
        long warmUp = total * o.warmUpPercent() / 100;
        ctx.log("#1 %,d records in Kafka (%.1f s)", total, (System.nanoTime() - began) / 1e9);
        throughput.note(String.format("%,d records (%,d events, %,d customers) drained from the start of 5 topics x %d partitions; the first %.0f%% warm up and are not timed",
                total, o.events(), o.customers(), BenchServers.PARTITIONS, (double) o.warmUpPercent()));
        for (int rep = 1; rep <= o.repetitions(); rep++) {
            RedisFootprint.reset(ctx.servers);
            double redisCpu = redisCpu(ctx);
            double raw = RawBaselineConsumer.drain(ctx.servers, TOPICS.all(), total, warmUp, BenchContext.drainTimeout(total));
            double rawRedisCpu = redisCpu(ctx) - redisCpu;
            ctx.log("#1 run %d: raw baseline %,.0f records/s (Redis CPU %.1f s)", rep, raw, rawRedisCpu);

            RedisFootprint.reset(ctx.servers);
            long before;
            try (Jedis jedis = ctx.servers.redis()) {
                before = RedisFootprint.usedMemory(jedis);
            }
            String group = "bench1-" + rep + "-" + UUID.randomUUID().toString().substring(0, 8);
            List<RedisCommandTime.Command> commandsBefore;
            try (Jedis jedis = ctx.servers.redis()) {
                commandsBefore = RedisCommandTime.read(jedis);
            }
            try (AppJvm projector = ctx.apps.projector(group, TOPICS)) {
                projector.startHeapSampling();
                double appCpu = projector.cpuSeconds();
                redisCpu = redisCpu(ctx);
                ProjectorPositions.Crossings drained = new ProjectorPositions(ctx.servers, group)
                        .await(new long[] {warmUp, total}, BenchContext.drainTimeout(total), projector);
                long peak = projector.stopHeapSampling();
                double rate = drained.segmentRate(1);
                throughput.add(rate, raw);
                AppJvm.HeapAfterGc live = projector.liveHeap();
                HeapTarget.add(heap, live);
                double projRedisCpu = redisCpu(ctx) - redisCpu;
                double projectorCpu = projector.cpuSeconds() - appCpu;
                String commandTime;
                try (Jedis jedis = ctx.servers.redis()) {
                    commandTime = RedisCommandTime.perRecord(
                            RedisCommandTime.since(commandsBefore, RedisCommandTime.read(jedis)), total, 10);
                }
                ctx.log("#1 run %d: Redis wall time per record by command (whole drain; script commands also inside evalsha; hvals is this benchmark's position poll): %s",
                        rep, commandTime);
                double cold = drained.overallRate();
                ctx.log("#1 run %d: projector %,.0f records/s (%.2f of baseline; from a cold start to the end %,.0f/s), peak heap %.0f MiB, live after GC %.0f of %.0f MiB; CPU: projector JVM %.1f s, Redis %.1f s",
                        rep, rate, rate / raw, cold, peak / 1048576.0, live.liveMiB(), live.maxMiB(), projectorCpu, projRedisCpu);
                if (rep == o.repetitions()) {
                    throughput.note(String.format("last run's rate from the projector's first record to the last (cold JIT included): %,.0f records/s", cold));
                    throughput.note(String.format("last run's CPU per 100k records: projector JVM %.2f s, Redis %.2f s (raw baseline: Redis %.2f s; its consumer runs in the benchmark's JVM)",
                            projectorCpu * 1e5 / total, projRedisCpu * 1e5 / total, rawRedisCpu * 1e5 / total));
                    throughput.note("last run's Redis wall time per record by command (INFO commandstats over the whole drain;"
                            + " the commands the commit scripts run are counted on their own and inside evalsha; hvals is"
                            + " this benchmark's own position poll): " + commandTime);
                }
                try (Jedis jedis = ctx.servers.redis()) {
                    long used = RedisFootprint.usedMemory(jedis) - before;
                    RedisFootprint.Documents docs = RedisFootprint.documents(jedis, 0);
                    memory.add(used / (double) docs.count(), docs.averageBytes());
                    ctx.log("#6 run %d: %,d documents, Redis %,.0f B/customer, documents alone %,.0f B", rep, docs.count(),
                            used / (double) docs.count(), docs.averageBytes());
                    if (rep == o.repetitions()) {
                        memory.note(String.format("%,d customers with a document; used_memory delta %,d B; document = the stored view (header + body)",
                                docs.count(), used));
                    }
                }
                if (ctx.options.runs(7)) {
                    double rebuildRate = RebuildRate.measure(ctx, projector, group, warmUp, total);
                    rebuild.add(rebuildRate, rate);
                    ctx.log("#7 run %d: rebuild %,.0f records/s (%.2f of #1's %,.0f)", rep, rebuildRate,
                            rebuildRate / rate, rate);
                    if (rep == o.repetitions()) {
                        rebuild.note("the same records replayed by the rebuild's own consumer group into generation 2 by #1's projector JVM once it had drained them, timed from the same warm-up share; then cancelled (generation 2 deleted)");
                    }
                }
            }
        }
    }

    private static double redisCpu(BenchContext ctx) {
        try (Jedis jedis = ctx.servers.redis()) {
            return RedisFootprint.cpuSeconds(jedis);
        }
    }

    static List<String> topics() {
        return TOPICS.all();
    }
}
