package io.customerinfo.stack;

/** One line of rebuild progress: a bar when the total is known, records done, rate, time left, lag. */
final class ProgressLine {

    private static final int WIDTH = 30;

    private ProgressLine() {
    }

    /** @param eta seconds left, -1 = unknown */
    static String render(String status, long done, long total, long perSecond, long eta, long lag) {
        StringBuilder sb = new StringBuilder();
        if (total > 0) {
            double share = Math.min(1.0, done / (double) total);
            int filled = (int) Math.round(share * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format("%3d%%", Math.round(share * 100))).append(' ');
        }
        sb.append(String.format("%-8s %,d/%,d records, %,d/s, ", status.toLowerCase(), done, Math.max(total, 0),
                perSecond));
        sb.append(eta < 0 ? "time left unknown" : "about " + duration(eta) + " left");
        sb.append(String.format(", %,d behind", lag));
        return sb.toString();
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
