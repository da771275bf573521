package dev.streamproc.examples.wildrydes;

import java.math.BigDecimal;

/**
 * One status of a unicorn as the Wild Rydes producer sends it each second (the tutorial's JSON
 * field names). Decimals stay {@link BigDecimal} so the stored numbers are the sent digits.
 */
public record UnicornStatus(
        String name,
        String statusTime,
        BigDecimal latitude,
        BigDecimal longitude,
        BigDecimal distance,
        long healthPoints,
        long magicPoints) {

    public StatusKey key() {
        return new StatusKey(name, statusTime);
    }
}
