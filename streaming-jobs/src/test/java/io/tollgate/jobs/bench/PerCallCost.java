package io.tollgate.jobs.bench;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.cdr.Cdr;
import io.tollgate.core.cdr.CdrAssembler;
import io.tollgate.core.cdr.RatedCdr;
import io.tollgate.core.json.JsonCodec;
import io.tollgate.ingest.config.TollgateConfig;
import io.tollgate.jobs.pipeline.SyntheticCalls;
import io.tollgate.jobs.rating.DeckCatalog;
import io.tollgate.jobs.rating.RatingDecks;
import io.tollgate.core.rating.CdrRater;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline's own work per call with no Flink, Kafka or ClickHouse around it, one thread: decoding the call's
 * events, assembling, pricing, encoding the CDR and the rated CDR. CPU time per call, by step; it bounds what one
 * core can do whatever the plumbing. {@code PerCallCost CALLS ROUNDS}
 */
public final class PerCallCost {
    private PerCallCost() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path checkout = Path.of(System.getProperty("user.dir"));
        TollgateConfig config = TollgateConfig.load(checkout.resolve("tollgate.yaml"));
        RatingDecks decks = DeckCatalog.of(config, config.fxRates()).load();
        SyntheticCalls generator = new SyntheticCalls(checkout.resolve("examples/decks"), 1, "cost");
        List<List<byte[]>> encoded = new ArrayList<>();
        Instant start = Instant.parse("2026-11-20T08:00:00Z");
        for (int i = 0; i < calls; i++) {
            List<byte[]> events = new ArrayList<>();
            for (CallEvent e : generator.call(i, start.plusMillis(i * 3L)).events()) {
                events.add(JsonCodec.CALL_EVENT.encode(e));
            }
            encoded.add(events);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            long[] nanos = new long[5];
            long bytes = 0;
            for (List<byte[]> call : encoded) {
                long t0 = cpu.getCurrentThreadCpuTime();
                List<CallEvent> events = new ArrayList<>(call.size());
                for (byte[] json : call) {
                    events.add(JsonCodec.CALL_EVENT.decode(json));
                    CdrAssembler.complete(events);
                }
                long t1 = cpu.getCurrentThreadCpuTime();
                Cdr cdr = CdrAssembler.assemble(events, false);
                long t2 = cpu.getCurrentThreadCpuTime();
                RatedCdr rated = CdrRater.rate(cdr, decks, config.fxRates());
                long t3 = cpu.getCurrentThreadCpuTime();
                bytes += JsonCodec.CDR.encode(cdr).length;
                long t4 = cpu.getCurrentThreadCpuTime();
                bytes += JsonCodec.RATED_CDR.encode(rated).length;
                long t5 = cpu.getCurrentThreadCpuTime();
                nanos[0] += t1 - t0;
                nanos[1] += t2 - t1;
                nanos[2] += t3 - t2;
                nanos[3] += t4 - t3;
                nanos[4] += t5 - t4;
            }
            long total = 0;
            for (long n : nanos) {
                total += n;
            }
            System.out.printf("round %d: %.1f µs CPU per call = decode+complete %.1f, assemble %.1f, price %.1f,"
                            + " encode CDR %.1f, encode rated CDR %.1f (%d B out per call) -> %,.0f calls/s per core%n",
                    round, total / 1e3 / calls, nanos[0] / 1e3 / calls, nanos[1] / 1e3 / calls, nanos[2] / 1e3 / calls,
                    nanos[3] / 1e3 / calls, nanos[4] / 1e3 / calls, bytes / calls, calls / (total / 1e9));
        }
    }
}
