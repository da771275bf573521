package dev.streamproc.local.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An EventBridge cron expression, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, in UTC.
 * Supports {@code , - * ? /}, month and day names, {@code L} (last day of the month; in day-of-week,
 * {@code nL} = last weekday n of the month), {@code W} (nearest weekday, {@code LW} last weekday) and
 * {@code #} ({@code 3#2} = second Tuesday). Day-of-week counts 1 = SUN … 7 = SAT. As on EventBridge,
 * one of day-of-month and day-of-week must be {@code ?}.
 */
public final class CronExpression implements ScheduleExpression {

    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 2199;
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3),
            Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8),
            Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5, "FRI", 6, "SAT", 7);

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet months;
    private final BitSet years;
    private final DaysOfMonth daysOfMonth;   // null when '?'
    private final DaysOfWeek daysOfWeek;     // null when '?'

    private CronExpression(String text, BitSet minutes, BitSet hours, BitSet months, BitSet years,
                           DaysOfMonth daysOfMonth, DaysOfWeek daysOfWeek) {
        this.text = text;
        this.minutes = minutes;
        this.hours = hours;
        this.months = months;
        this.years = years;
        this.daysOfMonth = daysOfMonth;
        this.daysOfWeek = daysOfWeek;
    }

    static CronExpression parse(String body) {
        String text = "cron(" + body + ")";
        String[] f = body.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException(text + ": expected 6 fields (minutes hours day-of-month month day-of-week year), found " + f.length);
        }
        boolean domAny = f[2].equals("?");
        boolean dowAny = f[4].equals("?");
        if (domAny == dowAny) {
            throw new IllegalArgumentException(text + ": exactly one of day-of-month and day-of-week must be '?'");
        }
        try {
            return new CronExpression(text,
                    values(f[0], 0, 59, Map.of()),
                    values(f[1], 0, 23, Map.of()),
                    values(f[3], 1, 12, MONTHS),
                    values(f[5], FIRST_YEAR, LAST_YEAR, Map.of()),
                    domAny ? null : DaysOfMonth.parse(f[2]),
                    dowAny ? null : DaysOfWeek.parse(f[4]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(text + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
        LocalDateTime start = LocalDateTime.ofInstant(after, ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate day = start.toLocalDate();
        while (day.getYear() <= LAST_YEAR) {
            if (!years.get(day.getYear())) {
                day = LocalDate.of(day.getYear() + 1, 1, 1);
            } else if (!months.get(day.getMonthValue())) {
                day = day.withDayOfMonth(1).plusMonths(1);
            } else if (!dayMatches(day)) {
                day = day.plusDays(1);
            } else {
                Optional<LocalDateTime> time = firstTimeOn(day, day.equals(start.toLocalDate()) ? start.getHour() * 60 + start.getMinute() : 0);
                if (time.isPresent()) {
                    return Optional.of(time.get().toInstant(ZoneOffset.UTC));
                }
                day = day.plusDays(1);
            }
        }
        return Optional.empty();
    }

    private Optional<LocalDateTime> firstTimeOn(LocalDate day, int fromMinuteOfDay) {
        for (int hour = hours.nextSetBit(fromMinuteOfDay / 60); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
            int minute = minutes.nextSetBit(hour == fromMinuteOfDay / 60 ? fromMinuteOfDay % 60 : 0);
            if (minute >= 0) {
                return Optional.of(day.atTime(hour, minute));
            }
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDate day) {
        return daysOfMonth != null ? daysOfMonth.matches(day) : daysOfWeek.matches(day);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A plain field: {@code *}, {@code 5}, {@code 1-5}, {@code 0/15}, {@code 1-30/5}, {@code MON,WED}. */
    private static BitSet values(String field, int min, int max, Map<String, Integer> names) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), 1, max, Map.of());
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], min, max, names);
                to = number(ends[1], min, max, names);
            } else {
                from = number(range, min, max, names);
                to = slash >= 0 ? max : from;
            }
            if (from <= to) {
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            } else { // a wrapping range such as FRI-MON or 22-2
                for (int v = from, n = 0; n <= (max - from) + (to - min) + 1; v = v == max ? min : v + 1, n++) {
                    if (n % step == 0) {
                        set.set(v);
                    }
                }
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, Map<String, Integer> names) {
        Integer named = names.get(text);
        int value;
        if (named != null) {
            value = named;
        } else {
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a number" + (names.isEmpty() ? "" : " or a name " + names.keySet()));
            }
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(value + " is outside " + min + "-" + max);
        }
        return value;
    }

    /** Day-of-month: values, {@code L}, {@code LW}, {@code nW}. */
    private record DaysOfMonth(BitSet days, boolean last, boolean lastWeekday, List<Integer> nearestWeekdayTo) {

        static DaysOfMonth parse(String field) {
            BitSet days = new BitSet(32);
            boolean last = false;
            boolean lastWeekday = false;
            List<Integer> nearest = new ArrayList<>();
            for (String item : field.split(",")) {
                if (item.equals("L")) {
                    last = true;
                } else if (item.equals("LW")) {
                    lastWeekday = true;
                } else if (item.endsWith("W")) {
                    nearest.add(number(item.substring(0, item.length() - 1), 1, 31, Map.of()));
                } else {
                    days.or(values(item, 1, 31, Map.of()));
                }
            }
            return new DaysOfMonth(days, last, lastWeekday, List.copyOf(nearest));
        }

        boolean matches(LocalDate day) {
            int length = day.lengthOfMonth();
            int dom = day.getDayOfMonth();
            if (days.get(dom) || (last && dom == length)) {
                return true;
            }
            if (lastWeekday && dom == nearestWeekday(day, length)) {
                return true;
            }
            return nearestWeekdayTo.stream().anyMatch(target -> target <= length && dom == nearestWeekday(day, target));
        }

        /** The weekday nearest to day {@code target} of the month, never leaving the month. */
        private static int nearestWeekday(LocalDate anyDayOfMonth, int target) {
            LocalDate date = anyDayOfMonth.withDayOfMonth(target);
            if (date.getDayOfWeek() == DayOfWeek.SATURDAY) {
                return target == 1 ? 3 : target - 1;
            }
            if (date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return target == anyDayOfMonth.lengthOfMonth() ? target - 2 : target + 1;
            }
            return target;
        }
    }

    /** Day-of-week: values (1 = SUN), {@code L} (= SAT), {@code nL} (last n of the month), {@code n#k} (k-th n). */
    private record DaysOfWeek(BitSet days, List<Integer> lastOfMonth, List<int[]> nth) {

        static DaysOfWeek parse(String field) {
            BitSet days = new BitSet(8);
            List<Integer> last = new ArrayList<>();
            List<int[]> nth = new ArrayList<>();
            for (String item : field.split(",")) {
                if (item.equals("L")) {
                    days.set(7);
                } else if (item.endsWith("L")) {
                    last.add(number(item.substring(0, item.length() - 1), 1, 7, DAYS));
                } else if (item.contains("#")) {
                    String[] parts = item.split("#", 2);
                    nth.add(new int[]{number(parts[0], 1, 7, DAYS), number(parts[1], 1, 5, Map.of())});
                } else {
                    days.or(values(item, 1, 7, DAYS));
                }
            }
            return new DaysOfWeek(days, List.copyOf(last), List.copyOf(nth));
        }

        boolean matches(LocalDate day) {
            int dow = day.getDayOfWeek().getValue() % 7 + 1; // MON(1)→2 … SUN(7)→1
            int dom = day.getDayOfMonth();
            if (days.get(dow)) {
                return true;
            }
            if (lastOfMonth.contains(dow) && dom + 7 > day.lengthOfMonth()) {
                return true;
            }
            return nth.stream().anyMatch(n -> n[0] == dow && (dom - 1) / 7 + 1 == n[1]);
        }
    }
}
