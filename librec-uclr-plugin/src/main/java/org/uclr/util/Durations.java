package org.uclr.util;

import java.util.Locale;

/** Wall times as people read them: "42s", "3m07s", "2h15m". */
public final class Durations {
    private Durations() {
    }

    public static String text(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
