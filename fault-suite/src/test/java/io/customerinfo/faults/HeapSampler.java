package io.customerinfo.faults;

import java.util.concurrent.atomic.AtomicLong;

/** Samples an app's used heap (actuator) twice a second in the background and keeps the peak. */
final class HeapSampler implements AutoCloseable {

    private final AtomicLong peak = new AtomicLong(-1);
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler(App app) {
        thread = new Thread(() -> {
            while (running) {
                peak.accumulateAndGet(app.heapUsed(), Math::max);
                try {
                    Thread.sleep(500); // the sampling period
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Peak used heap in bytes; -1 when no sample succeeded. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
