package dev.streamproc.local.alarm;

import java.util.Locale;

/** {@code TreatMissingData}: how datapoints missing from the evaluation range count (default {@code missing}). */
public enum MissingData {
    MISSING("missing"), IGNORE("ignore"), BREACHING("breaching"), NOT_BREACHING("notBreaching");

    private final String value;

    MissingData(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static MissingData of(String value) {
        if (value == null) {
            return MISSING;
        }
        for (MissingData m : values()) {
            if (m.value.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("TreatMissingData must be breaching, notBreaching, ignore or missing, not " + value.toLowerCase(Locale.ROOT));
    }
}
