package dev.streamproc.examples.wildrydes.producer;

import dev.streamproc.examples.wildrydes.UnicornStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * One unicorn on a ride: it starts near Wild Rydes' headquarters, keeps a heading that turns a
 * little each step, flies at a plausible speed, and its health and magic points wander inside
 * their range. Each {@link #next} moves it by the time since the last status and reports where
 * it is and how far it went. Deterministic for a given seed.
 */
public final class UnicornPath {

    /** The status time format of the tutorial's producer (UTC, milliseconds). */
    public static final DateTimeFormatter STATUS_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    static final double HQ_LATITUDE = 40.7484;
    static final double HQ_LONGITUDE = -73.9857;
    static final double START_RADIUS_METERS = 5_000;
    static final double MIN_SPEED = 4;   // m/s
    static final double MAX_SPEED = 20;  // m/s
    static final int MIN_POINTS = 100;
    static final int MAX_POINTS = 200;
    private static final double METERS_PER_DEGREE = 111_320;

    private final String name;
    private final SplittableRandom random;
    private double latitude;
    private double longitude;
    private double heading; // radians, 0 = north
    private double speed;
    private int health;
    private int magic;
    private Instant last;

    public UnicornPath(String name, long seed) {
        this.name = name;
        this.random = new SplittableRandom(seed ^ name.hashCode());
        double startDistance = random.nextDouble() * START_RADIUS_METERS;
        double startBearing = random.nextDouble() * 2 * Math.PI;
        this.latitude = HQ_LATITUDE + startDistance * Math.cos(startBearing) / METERS_PER_DEGREE;
        this.longitude = HQ_LONGITUDE + startDistance * Math.sin(startBearing) / metersPerDegreeLongitude(latitude);
        this.heading = random.nextDouble() * 2 * Math.PI;
        this.speed = MIN_SPEED + random.nextDouble() * (MAX_SPEED - MIN_SPEED);
        this.health = random.nextInt(MIN_POINTS, MAX_POINTS + 1);
        this.magic = random.nextInt(MIN_POINTS, MAX_POINTS + 1);
    }

    public String name() {
        return name;
    }

    /** The unicorn's status at {@code time}, after flying since the previous one (nothing before the first). */
    public UnicornStatus next(Instant time) {
        double seconds = last == null ? 0 : Math.max(0, Duration.between(last, time).toNanos() / 1e9);
        last = time;
        heading += Math.toRadians(random.nextDouble(-15, 15));
        speed = clamp(speed + random.nextDouble(-1, 1), MIN_SPEED, MAX_SPEED);
        double distance = speed * seconds;
        latitude += distance * Math.cos(heading) / METERS_PER_DEGREE;
        longitude += distance * Math.sin(heading) / metersPerDegreeLongitude(latitude);
        health = (int) clamp(health + random.nextInt(-3, 4), MIN_POINTS, MAX_POINTS);
        magic = (int) clamp(magic + random.nextInt(-3, 4), MIN_POINTS, MAX_POINTS);
        return new UnicornStatus(name, STATUS_TIME.format(time), decimal(latitude, 6), decimal(longitude, 6),
                decimal(distance, 2), health, magic);
    }

    /** Great-circle distance in meters between two points (haversine), to check a path. */
    public static double metersBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * 6_371_000 * Math.asin(Math.sqrt(a));
    }

    private static double metersPerDegreeLongitude(double latitude) {
        return METERS_PER_DEGREE * Math.cos(Math.toRadians(latitude));
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }
}
