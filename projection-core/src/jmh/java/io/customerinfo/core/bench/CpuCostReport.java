package io.customerinfo.core.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The benchmark scenarios measured in CPU time of the benchmark thread instead of wall time: on a
 * machine shared with other builds (2 cores, load average well above 2) wall-clock throughput mostly
 * measures the scheduler, while the CPU time per op still compares the scenarios fairly.
 * Run: see BENCHMARK.md.
 */
public final class CpuCostReport {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private CpuCostReport() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        GoldenCustomerBenchmark golden = new GoldenCustomerBenchmark();
        golden.setUp();
        report("golden customer: apply + render", rounds, 50_000, golden::applyAndRender);
        report("golden customer: load + apply + delta + render view", rounds, 50_000, golden::loadApplyDeltaRender);
        for (int orders : new int[] {10, 100_000}) {
            OrderEventCostBenchmark bench = new OrderEventCostBenchmark();
            bench.orders = orders;
            bench.setUp();
            String who = "200 contacts, " + orders + " orders: ";
            report(who + "apply", rounds, 50_000, bench::apply);
            report(who + "apply + render", rounds, 20_000, bench::applyAndRender);
            report(who + "load + apply + delta + render", rounds, 10_000, bench::loadApplyDeltaRender);
        }
        DecoderBenchmark decoder = new DecoderBenchmark();
        decoder.setUp();
        report("decode (sample records round-robin)", rounds, 70_000, decoder::decode);
    }

    private static void report(String what, int rounds, int opsPerRound, Runnable op) {
        double best = Double.MAX_VALUE;
        double sum = 0;
        for (int round = -2; round < rounds; round++) {
            long start = MX.getCurrentThreadCpuTime();
            for (int i = 0; i < opsPerRound; i++) {
                op.run();
            }
            double micros = (MX.getCurrentThreadCpuTime() - start) / 1e3 / opsPerRound;
            if (round >= 0) {
                best = Math.min(best, micros);
                sum += micros;
            }
        }
        double mean = sum / rounds;
        System.out.printf(Locale.ROOT, "%-58s %8.2f us/op CPU (best %6.2f)  = %9.0f ops/s per core%n", what, mean, best, 1e6 / mean);
    }
}
