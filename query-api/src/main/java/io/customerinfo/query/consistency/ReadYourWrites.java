package io.customerinfo.query.consistency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.customerinfo.query.store.CustomerViews;
import io.customerinfo.query.store.CustomerViews.Change;
import io.customerinfo.query.store.CustomerViews.Reflecting;
import io.customerinfo.query.store.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Read-your-writes: answers with a customer's view once it reflects the changes a caller names, waiting a bounded
 * time for them without holding the caller's request thread. A waiting request is held here as a future; it is
 * checked again (one round trip of {@link CustomerViews#findReflecting}) whenever the projector announces a commit
 * of that customer, and in any case after {@code recheck}, then at doubling intervals up to {@value #MAX_RECHECK_MILLIS}
 * ms, so that a missed announcement (the announcement connection down, or the near cache off) costs latency, never
 * the answer. A waiting request has at most one check queued at a time, so a burst of announcements or a slow
 * store cannot pile checks up. When the bound passes, the request is
 * answered with the view the store has then, marked as not reflecting the changes.
 *
 * <p>Requests that name no change never come here: the normal path costs nothing extra.
 */
public final class ReadYourWrites implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadYourWrites.class);
    private static final long MAX_RECHECK_MILLIS = 1_000;

    /** How a read-your-writes request ended; the {@code outcome} tag of {@code query.read_your_writes}. */
    public enum Outcome {
        /** The view reflected the changes when the request came. */
        AT_ONCE,
        /** The view came to reflect them while the request waited. */
        AFTER_WAIT,
        /** The bound passed first: answered with what the store had. */
        BOUND_PASSED,
        /** Not waited for: the request asked for no wait, or too many requests were waiting already. */
        NOT_WAITED
    }

    private final CustomerViews views;
    private final Duration maxWait;
    private final Duration recheck;
    private final int maxWaiting;
    private final Map<String, Set<Waiter>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger waitingCount = new AtomicInteger();
    private final ScheduledExecutorService timer;
    private final ExecutorService checks;
    private final Counter[] outcomes;
    private final Timer waits;

    /**
     * @param maxWait the longest any request waits (a request may ask for less)
     * @param recheck when a waiting request is first checked again without an announcement (then at doubling
     *     intervals up to a second)
     * @param maxWaiting most requests waiting at once; beyond it a request is answered at once
     */
    public ReadYourWrites(CustomerViews views, Duration maxWait, Duration recheck, int maxWaiting,
            MeterRegistry registry) {
        if (recheck.isZero() || recheck.isNegative()) {
            throw new IllegalArgumentException("the recheck interval must be positive, was " + recheck);
        }
        this.views = views;
        this.maxWait = maxWait;
        this.recheck = recheck;
        this.maxWaiting = maxWaiting;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "read-your-writes-timer"));
        this.checks = Executors.newFixedThreadPool(2, r -> daemon(r, "read-your-writes-check"));
        Outcome[] all = Outcome.values();
        outcomes = new Counter[all.length];
        for (Outcome o : all) {
            outcomes[o.ordinal()] = Counter.builder("query.read_your_writes")
                    .description("Requests that named changes to reflect, by how they ended")
                    .tag("outcome", o.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        waits = Timer.builder("query.read_your_writes.wait")
                .description("How long requests waited for the changes they named")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(maxWait.isZero() ? Duration.ofSeconds(1) : maxWait).register(registry);
        Gauge.builder("query.read_your_writes.waiting", waitingCount, AtomicInteger::get)
                .description("Requests waiting now for the changes they named").register(registry);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The longest a request may wait; a request that asks for more waits this long. */
    public Duration maxWait() {
        return maxWait;
    }

    /** A view and whether it reflects the changes named; {@code served} is null when the customer has none. */
    public record Answer(CustomerViews.Served served, boolean reflects, Outcome outcome) {
    }

    /**
     * The customer's view once it reflects every one of {@code changes}, or after {@code wait} (capped at
     * {@link #maxWait}) the view there is then, marked as not reflecting them. Checks once on the calling thread;
     * when it must wait, the future completes on one of this class's threads. Completes exceptionally with
     * {@link StoreUnavailableException} when the store cannot be read at the end.
     */
    public CompletableFuture<Answer> await(String customerId, List<Change> changes, Duration wait) {
        Reflecting now = views.findReflecting(customerId, changes);
        if (now.reflects()) {
            return CompletableFuture.completedFuture(answer(now, Outcome.AT_ONCE));
        }
        Duration bound = wait.compareTo(maxWait) > 0 ? maxWait : wait;
        if (bound.isZero() || bound.isNegative()) {
            return CompletableFuture.completedFuture(answer(now, Outcome.NOT_WAITED));
        }
        if (waitingCount.incrementAndGet() > maxWaiting) {
            waitingCount.decrementAndGet();
            log.debug("{} requests waiting already: customer {} answered without waiting", maxWaiting, customerId);
            return CompletableFuture.completedFuture(answer(now, Outcome.NOT_WAITED));
        }
        Waiter waiter = new Waiter(customerId, changes, System.nanoTime());
        waiting.computeIfAbsent(customerId, c -> ConcurrentHashMap.newKeySet()).add(waiter);
        try {
            waiter.deadline = timer.schedule(() -> checks.execute(waiter::boundPassed), bound.toNanos(),
                    TimeUnit.NANOSECONDS);
            waiter.scheduleRecheck(recheck.toNanos());
        } catch (RejectedExecutionException e) {
            waiter.finish(null, new IllegalStateException("read-your-writes is shut down", e));
        }
        // a commit announced between the first check and the registration would otherwise wait for a recheck
        waiter.queueCheck();
        return waiter.future;
    }

    /**
     * The projector committed {@code customerId}: requests waiting on it are checked again. Called on the
     * announcement connection's thread, so it only hands the checks over.
     */
    public void announced(String customerId) {
        Set<Waiter> set = waiting.get(customerId);
        if (set == null) {
            return;
        }
        for (Waiter w : set) {
            w.queueCheck();
        }
    }

    /** Requests waiting now. */
    public int waiting() {
        return waitingCount.get();
    }

    private Answer answer(Reflecting r, Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
        return new Answer(r.served(), r.reflects(), outcome);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        checks.shutdownNow();
        for (Set<Waiter> set : waiting.values()) {
            for (Waiter w : set) {
                w.finish(null, new StoreUnavailableException("the API is shutting down", null));
            }
        }
    }

    private final class Waiter {
        private final String customerId;
        private final List<Change> changes;
        private final long since;
        private final CompletableFuture<Answer> future = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();
        private final AtomicBoolean checkQueued = new AtomicBoolean();
        private volatile ScheduledFuture<?> deadline;
        private volatile ScheduledFuture<?> rechecks;

        Waiter(String customerId, List<Change> changes, long since) {
            this.customerId = customerId;
            this.changes = changes;
            this.since = since;
        }

        /** Queues a check unless one is queued already. */
        void queueCheck() {
            if (done.get() || !checkQueued.compareAndSet(false, true)) {
                return;
            }
            try {
                checks.execute(this::check);
            } catch (RejectedExecutionException e) {
                checkQueued.set(false);
            }
        }

        /** A check after {@code delayNanos}, and then the next at twice the delay (at most a second). */
        void scheduleRecheck(long delayNanos) {
            if (done.get()) {
                return;
            }
            long next = Math.min(delayNanos * 2, TimeUnit.MILLISECONDS.toNanos(MAX_RECHECK_MILLIS));
            rechecks = timer.schedule(() -> {
                queueCheck();
                scheduleRecheck(next);
            }, delayNanos, TimeUnit.NANOSECONDS);
        }

        void check() {
            checkQueued.set(false);
            if (done.get()) {
                return;
            }
            Reflecting r;
            try {
                r = views.findReflecting(customerId, changes);
            } catch (StoreUnavailableException e) {
                return; // the next announcement, recheck or the deadline tries again
            } catch (RuntimeException e) {
                finish(null, e);
                return;
            }
            if (r.reflects()) {
                finish(r, null);
            }
        }

        void boundPassed() {
            if (done.get()) {
                return;
            }
            try {
                finish(views.findReflecting(customerId, changes), null);
            } catch (RuntimeException e) {
                finish(null, e);
            }
        }

        void finish(Reflecting r, Throwable failure) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> d = deadline;
            ScheduledFuture<?> c = rechecks;
            if (d != null) {
                d.cancel(false);
            }
            if (c != null) {
                c.cancel(false);
            }
            waiting.computeIfPresent(customerId, (cid, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
            waitingCount.decrementAndGet();
            waits.record(System.nanoTime() - since, TimeUnit.NANOSECONDS);
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(answer(r, r.reflects() ? Outcome.AFTER_WAIT : Outcome.BOUND_PASSED));
            }
        }
    }
}
