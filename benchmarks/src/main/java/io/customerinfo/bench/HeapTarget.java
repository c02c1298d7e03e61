package io.customerinfo.bench;

import java.util.Locale;

/**
 * #8's rule: the figure judged is the live heap after a full GC, on a JVM allowed to grow past the target. A JVM
 * capped at or below the target could never show a miss (it would die or thrash instead), so its figure is only
 * reported.
 */
final class HeapTarget {

    static final double TARGET_MIB = 512;

    private HeapTarget() {
    }

    static void add(Measurement heap, AppJvm.HeapAfterGc live) {
        boolean first = !heap.hasValues();
        heap.add(live.liveMiB());
        if (first) {
            heap.note(String.format(Locale.ROOT, "heap used right after a full GC (jcmd GC.run) at the end of the load,"
                    + " on a JVM whose heap may grow to %.0f MiB; the sampled peak, garbage included, is in the log", live.maxMiB()));
        }
        if (live.maxMiB() <= TARGET_MIB && heap.judged()) {
            heap.unjudged(String.format(Locale.ROOT,
                    "the JVM's heap is capped at %.0f MiB, so a %.0f MiB target cannot miss: run with a larger -Xmx to judge it",
                    live.maxMiB(), TARGET_MIB));
        }
    }
}
