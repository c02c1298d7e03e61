package io.customerinfo.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to measure and how big, as {@link BenchCommand} parsed it from the options and the environment. Its
 * defaults are the sizes of issue 8; {@code --smoke} shrinks everything to a run of a few seconds per measurement
 * with one repetition.
 *
 * @param customers          #1: customers of the realistic mix pre-loaded into Kafka
 * @param events             #1: change events of that mix
 * @param warmUpPercent      #1/#7: share of the pre-loaded records drained before timing starts (the projector JVM
 *                           starts cold; its JIT compiles for tens of seconds on 2 cores, and a deployed projector
 *                           runs warm)
 * @param historyOrders      #2: orders every "long history" customer already has
 * @param historyCustomers   #2: customers per case (long and short history)
 * @param historyNewOrders   #2: orders per customer that are measured
 * @param freshnessRate      #3: steady background events/s
 * @param freshnessDuration  #3: probing time per repetition
 * @param freshnessWarmUp    #3: background load (and probes, not counted) before the first timed repetition: the
 *                           projector JVM starts cold and drains well below its warm rate for tens of seconds
 * @param queryCustomers     #4/#5: stored customers the requests are spread over
 * @param wrkDuration        #4: wrk time per repetition and target (the API and nginx)
 * @param batchDuration      #5: wrk time per repetition
 * @param queryWarmUp        #4/#5: wrk load on the API before the first timed run (its JIT settles only after
 *                           about a minute of load on 2 cores)
 * @param queryMethod        #4: how wrk asks for one customer: {@code POST} with a form body (what the app and the DMS
 *                           send the legacy endpoint) or {@code GET} with the cid in the query string
 * @param openLoopRate       #4b: requests/s offered to the API and to nginx, open loop
 * @param openLoopDuration   #4b: time per repetition and target
 * @param connections        wrk connections (and #4b's)
 * @param repetitions        runs per measurement; the table shows medians
 * @param only               measurement numbers to run (empty: all)
 */
record BenchOptions(
        boolean smoke,
        int customers,
        int events,
        int warmUpPercent,
        int historyOrders,
        int historyCustomers,
        int historyNewOrders,
        int freshnessRate,
        Duration freshnessDuration,
        Duration freshnessWarmUp,
        int queryCustomers,
        Duration wrkDuration,
        Duration batchDuration,
        Duration queryWarmUp,
        QueryMethod queryMethod,
        int openLoopRate,
        Duration openLoopDuration,
        int connections,
        int repetitions,
        List<Integer> only,
        Path outFile,
        Path workDir,
        Path appsDir,
        String appJvmOptions,
        Optional<Path> jfrDir,
        Optional<String> kafkaBootstrap,
        Optional<String> redisUrl,
        String wrk,
        String nginx) {

    /** How #4 asks for one customer. */
    enum QueryMethod {
        /** A form body {@code cid=...}, as the app and the DMS call the legacy endpoint. */
        POST,
        /** {@code ?cid=...} in the query string. */
        GET
    }

    boolean runs(int measurement) {
        return only.isEmpty() || only.contains(measurement);
    }

    List<String> appJvmOptionList() {
        List<String> list = new ArrayList<>();
        for (String part : appJvmOptions.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                list.add(part);
            }
        }
        return list;
    }
}
