package dev.streamproc.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.streamproc.local.cloud.ServerEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's summary: a table for people, JSON for scripts ({@code --summary-json}). */
public final class DemoSummary {

    private DemoSummary() {
    }

    public static void print(DemoReport report, PrintStream out) {
        Accounting a = report.accounting();
        out.println();
        out.println("Where every record went");
        row(out, "not usable", a.sourceRejected(), "lines the source could not use (not sent; each one named in the producer's log)");
        row(out, "produced", a.produced(), a.producerSent() + " tweets acknowledged by the stream + " + a.injected() + " records put beside them with PutRecord (malformed records, notices, test records)");
        row(out, "on the stream", a.userRecords(), "user records in " + a.kinesisRecords() + " Kinesis records" + (a.kinesisRecords() < a.userRecords() ? " (KPL aggregation)" : "")
                + (a.duplicates() > 0 ? "; " + a.duplicates() + " of them duplicates put by producer retries (at-least-once)" : ""));
        out.println("  consumer → EventData");
        row(out, "    stored", a.itemRecords(), "records behind the " + a.eventDataItems() + " EventData items"
                + (a.itemRecords() > a.eventDataItems() ? " (duplicates overwrote their item)" : ""));
        row(out, "    skipped", a.consumerSkipped(), "stream notices (delete, limit, ...), from the consumer's log");
        row(out, "    rejected", a.consumerRejected(), "malformed, one log line each with sequence number and reason");
        row(out, "    on-failure", a.consumerOnFailure(), report.failedBatches().size() + " batch(es) sent to the on-failure queue");
        row(out, "    total", a.consumerAccounted(), check(a.consumerAccounted(), a.userRecords()));
        out.println("  Firehose → S3");
        row(out, "    Ok rows", a.s3OkRows(), "lines in tweets/ objects");
        row(out, "    Dropped", a.dropped(), "notices the transformer dropped");
        row(out, "    failed", a.processingFailed(), "processing-failed lines under errors/");
        row(out, "    total", a.archiveAccounted(), check(a.archiveAccounted(), a.userRecords()));
        out.println();
        out.printf(Locale.ROOT, "Latency, put → visible: EventData p50 %,d ms, p99 %,d ms (%,d items); S3 p50 %,d ms, p99 %,d ms (Firehose buffering)%n",
                report.eventDataLatency().p50(), report.eventDataLatency().p99(), report.eventDataLatency().count(),
                report.archiveLatency().p50(), report.archiveLatency().p99());
        out.printf(Locale.ROOT, "Throughput: %,.0f tweets/s into EventData; producer %.1f s; drained %.1f s after the producer started; %d batch retries%n",
                report.throughput(), report.producerSeconds(), Demo.seconds(report.elapsed()), report.esmRetries());
        StringBuilder cold = new StringBuilder();
        report.coldStarts().entrySet().stream().filter(e -> !e.getValue().isEmpty()).forEach(e -> cold.append(cold.isEmpty() ? "" : ", ")
                .append(e.getKey()).append(' ').append(e.getValue().stream().map(d -> String.format(Locale.ROOT, "%,d", d.toMillis())).toList())
                .append(" ms"));
        out.printf(Locale.ROOT, "Up → ready %.1f s; cold starts: %s%n", Demo.seconds(report.readyTime()), cold.isEmpty() ? "none" : cold);
        report.serverEvents().stream().filter(ServerEvent::restarted).forEach(event -> out.println("The " + event.server()
                + " server died at " + event.at() + " and was started again with its data as last saved."));
        long lostByTheStream = a.produced() - a.distinctRecords();
        if (lostByTheStream > 0 && report.serverEvents().stream().anyMatch(e -> e.restarted() && e.server().equals("kinesis"))) {
            out.printf(Locale.ROOT, "The stream lost %d records it had acknowledged: kinesis-mock saves its streams every second and came back"
                    + " without its last moments; what the pipeline had read of them before is in EventData and S3 all the same"
                    + " (so the totals can exceed the records now on the stream).%n", lostByTheStream);
        }
        report.serverEvents().stream().filter(event -> !event.restarted()).findFirst().ifPresent(lost -> out.println(
                "The " + lost.server() + " server was lost during the run: the figures above are what was counted until then."));
        out.println(report.closes() ? "Every record is accounted for." : "NOT ACCOUNTED FOR: " + String.join("; ", report.problems()));
    }

    private static void row(PrintStream out, String label, long count, String note) {
        out.printf(Locale.ROOT, "  %-16s %,9d   %s%n", label, count, note);
    }

    private static String check(long accounted, long expected) {
        return accounted == expected ? "= every user record on the stream" : "≠ " + expected + " user records on the stream";
    }

    /** The figures as a JSON object (the names the issue gives, plus the details behind them). */
    public static Map<String, Object> json(DemoReport report) {
        Accounting a = report.accounting();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source_rejected", a.sourceRejected());
        json.put("produced", a.produced());
        json.put("kinesis_records", a.kinesisRecords());
        json.put("user_records", a.userRecords());
        json.put("duplicates", a.duplicates());
        json.put("eventdata_items", a.eventDataItems());
        json.put("eventdata_item_records", a.itemRecords());
        json.put("consumer_skipped", a.consumerSkipped());
        json.put("consumer_rejected", a.consumerRejected());
        json.put("consumer_on_failure", a.consumerOnFailure());
        json.put("s3_ok_rows", a.s3OkRows());
        json.put("dropped", a.dropped());
        json.put("processing_failed", a.processingFailed());
        json.put("accounting_closes", report.closes());
        json.put("problems", report.problems());
        json.put("elapsed_s", round(report.elapsed()));
        json.put("ready_s", round(report.readyTime()));
        json.put("tweets_per_second", Math.round(report.throughput()));
        json.put("end_to_end_latency_ms", latency(report.eventDataLatency()));
        json.put("archive_latency_ms", latency(report.archiveLatency()));
        Map<String, List<Long>> cold = new LinkedHashMap<>();
        report.coldStarts().forEach((f, starts) -> cold.put(f, starts.stream().map(Duration::toMillis).toList()));
        json.put("cold_start_ms", cold);
        json.put("batch_retries", report.esmRetries());
        json.put("server_events", report.serverEvents().stream().map(e -> Map.of("server", e.server(), "restarted", e.restarted(),
                "at", e.at().toString(), "line", e.line())).toList());
        return json;
    }

    public static void write(DemoReport report, Path file) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Long> latency(Percentiles p) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("p50", p.p50());
        m.put("p99", p.p99());
        m.put("max", p.max());
        m.put("count", p.count());
        return m;
    }

    private static double round(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
