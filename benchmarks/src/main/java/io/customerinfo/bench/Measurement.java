package io.customerinfo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoublePredicate;

/**
 * One row of the result table: a figure per run (its median is shown), optionally a baseline per run measured in
 * the same run and the ratio of the two (median of the per-run ratios), and the target it is judged against.
 */
final class Measurement {

    enum Verdict { MET, MISSED, REPORTED, SKIPPED, FAILED }

    private final String id;
    private final String what;
    private final String unit;
    private final List<Double> values = new ArrayList<>();
    private final List<Double> baselines = new ArrayList<>();
    private String targetText = "-";
    private DoublePredicate valueTarget;
    private DoublePredicate ratioTarget;
    private String note;
    private boolean skipped;
    private String failure;

    Measurement(String id, String what, String unit) {
        this.id = id;
        this.what = what;
        this.unit = unit;
    }

    /** Target on the median value (e.g. {@code v -> v >= 50_000}) and/or on the median ratio. */
    Measurement target(String text, DoublePredicate onValue, DoublePredicate onRatio) {
        this.targetText = text;
        this.valueTarget = onValue;
        this.ratioTarget = onRatio;
        return this;
    }

    void add(double value) {
        values.add(value);
    }

    void add(double value, double baseline) {
        values.add(value);
        baselines.add(baseline);
    }

    Measurement note(String text) {
        this.note = note == null ? text : note + "; " + text;
        return this;
    }

    /** Drops the target: the figure is reported, not judged ({@code why} says why it could not miss). */
    Measurement unjudged(String why) {
        this.valueTarget = null;
        this.ratioTarget = null;
        this.targetText = "(" + targetText + ")";
        return note(why);
    }

        Measurement skip(String reason) {
        this.skipped = true;
        return note(reason);
    }

    void fail(Exception e) {
        this.failure = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }

    boolean judged() {
        return valueTarget != null || ratioTarget != null;
    }

    boolean hasValues() {
        return !values.isEmpty();
    }

    String id() {
        return id;
    }

    double medianValue() {
        return values.isEmpty() ? Double.NaN : Stats.median(values);
    }

    double medianRatio() {
        if (baselines.isEmpty()) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < baselines.size(); i++) {
            ratios.add(values.get(i) / baselines.get(i));
        }
        return Stats.median(ratios);
    }

    Verdict verdict() {
        if (failure != null) {
            return Verdict.FAILED;
        }
        if (skipped || values.isEmpty()) {
            return Verdict.SKIPPED;
        }
        // a ratio target without a baseline (e.g. nginx missing) cannot be judged: the figure is only reported
        boolean judgeRatio = ratioTarget != null && !baselines.isEmpty();
        if (valueTarget == null && !judgeRatio) {
            return Verdict.REPORTED;
        }
        boolean met = (valueTarget == null || valueTarget.test(medianValue()))
                && (!judgeRatio || ratioTarget.test(medianRatio()));
        return met ? Verdict.MET : Verdict.MISSED;
    }

    /** {@code | id | what | median | baseline | ratio | target | verdict | runs |} */
    String row() {
        String median = values.isEmpty() ? "-" : withUnit(medianValue());
        String base = baselines.isEmpty() ? "-" : withUnit(Stats.median(baselines));
        String ratio = baselines.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", medianRatio());
        String runs = values.isEmpty() ? "-" : String.join(", ", values.stream().map(Measurement::fmt).toList());
        if (!baselines.isEmpty()) {
            runs += " (baseline " + String.join(", ", baselines.stream().map(Measurement::fmt).toList()) + ")";
        }
        String verdict = verdict().name().toLowerCase(Locale.ROOT);
        if (failure != null) {
            verdict += ": " + failure;
        }
        return "| " + id + " | " + what + " | " + median + " | " + base + " | " + ratio + " | " + targetText + " | "
                + verdict + " | " + runs + " |";
    }

    String note() {
        return note;
    }

    /** A figure and its unit; an infinite one (a probe that was never answered) is a timeout, not a number. */
    private String withUnit(double v) {
        return Double.isInfinite(v) ? fmt(v) : fmt(v) + " " + unit;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return "timeout";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replace('|', '/');
    }
}
