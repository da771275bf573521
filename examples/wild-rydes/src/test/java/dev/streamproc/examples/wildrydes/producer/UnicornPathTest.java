package dev.streamproc.examples.wildrydes.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streamproc.examples.wildrydes.UnicornStatus;
import dev.streamproc.examples.wildrydes.UnicornStatusParser;
import dev.streamproc.lambdakit.Decoding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnicornPathTest {

    private static final Instant START = Instant.parse("2026-11-29T18:00:00Z");

    @Test
    void reportsOneStatusPerCallAtTheGivenTimeInTheTutorialsFormat() {
        UnicornPath path = new UnicornPath("Rocinante", 1);

        UnicornStatus first = path.next(START);
        UnicornStatus second = path.next(START.plusSeconds(1));

        assertThat(first.name()).isEqualTo("Rocinante");
        assertThat(first.statusTime()).isEqualTo("2026-11-29 18:00:00.000");
        assertThat(second.statusTime()).isEqualTo("2026-11-29 18:00:01.000");
        assertThat(first.distance()).as("no flight before the first status").isZero();
    }

    @Test
    void movesAlongAPlausiblePathTheReportedDistanceEachSecond() {
        UnicornPath path = new UnicornPath("Shadowfax", 42);
        List<UnicornStatus> statuses = new ArrayList<>();
        for (int second = 0; second < 600; second++) {
            statuses.add(path.next(START.plusSeconds(second)));
        }

        for (int i = 1; i < statuses.size(); i++) {
            UnicornStatus before = statuses.get(i - 1);
            UnicornStatus after = statuses.get(i);
            double flown = UnicornPath.metersBetween(before.latitude().doubleValue(), before.longitude().doubleValue(),
                    after.latitude().doubleValue(), after.longitude().doubleValue());
            assertThat(after.distance().doubleValue()).as("second %d", i)
                    .isBetween(UnicornPath.MIN_SPEED, UnicornPath.MAX_SPEED)
                    .isCloseTo(flown, within(0.5)); // coordinates are rounded to 6 decimals (~0.1 m)
            assertThat(after.healthPoints()).isBetween((long) UnicornPath.MIN_POINTS, (long) UnicornPath.MAX_POINTS);
            assertThat(after.magicPoints()).isBetween((long) UnicornPath.MIN_POINTS, (long) UnicornPath.MAX_POINTS);
            assertThat(Math.abs(after.healthPoints() - before.healthPoints())).isLessThanOrEqualTo(3);
        }
        UnicornStatus last = statuses.get(statuses.size() - 1);
        assertThat(UnicornPath.metersBetween(UnicornPath.HQ_LATITUDE, UnicornPath.HQ_LONGITUDE,
                last.latitude().doubleValue(), last.longitude().doubleValue()))
                .as("ten minutes at most 20 m/s from a start within 5 km").isLessThan(5_000 + 600 * 20);
    }

    @Test
    void theSameSeedGivesTheSameRideAndUnicornsRideApart() {
        assertThat(new UnicornPath("Rocinante", 3).next(START)).isEqualTo(new UnicornPath("Rocinante", 3).next(START));
        assertThat(new UnicornPath("Rocinante", 3).next(START).latitude())
                .isNotEqualTo(new UnicornPath("Bucephalus", 3).next(START).latitude());
    }

    @Test
    void whatTheProducerSendsIsWhatTheFunctionReads() {
        UnicornStatus status = new UnicornPath("Ünicorn 🦄", 5).next(START);

        assertThat(UnicornStatusParser.parse(StatusJson.of(status))).isEqualTo(Decoding.value(status));
    }
}
