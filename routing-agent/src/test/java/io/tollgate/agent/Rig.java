package io.tollgate.agent;

import io.tollgate.core.cdr.CallEvent;
import io.tollgate.core.csv.BadInputException;
import io.tollgate.core.money.Rounding;
import io.tollgate.core.numbers.NumberNormalizer;
import io.tollgate.core.rating.RateDeck;
import io.tollgate.core.rating.RateDeckCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Call control wired to a fake switch and a recording sink, with three vendors on the +28 test range:
 * vendor-c cheapest, then vendor-a, then vendor-b; customer acme pays 0.02 a minute.
 */
final class Rig implements AutoCloseable {
    static final String AGENT = "t1";
    final FakeSwitch sw = new FakeSwitch();
    final RecordingSink sink = new RecordingSink();
    final InstructionBook book = new InstructionBook();
    final ChannelIds ids = new ChannelIds(AGENT);
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    final Admission admission;
    final TrunkPool trunks;
    final CallControl control;
    /** Call-thread work waiting while {@link #holdCallThreads} is set, as on a busy call thread. */
    final List<Runnable> queued = new ArrayList<>();
    boolean holdCallThreads;
    private int calls;

    Rig() {
        this(new CustomerLimits(10, 100, new BigDecimal("50.00")), Duration.ofHours(2), 5);
    }

    Rig(CustomerLimits limits, Duration longest, int vendorCCapacity) {
        Decks decks = new Decks(
                Map.of("vendor-a", deck("28,0.0050"), "vendor-b", deck("28,0.0060"), "vendor-c", deck("28,0.0045")),
                Map.of("acme", deck("28,0.0200")), (owner, version) -> {
                    throw new UnsupportedOperationException();
                }, timer, Clock.systemUTC());
        Customers customers = new Customers(List.of(new Customers.Account("acme", List.of("customer"), limits)), book);
        admission = new Admission(longest);
        trunks = new TrunkPool(Map.of(
                "vendor-a", List.of(new TrunkPool.Trunk("vendor-a", "vendor-a", 5)),
                "vendor-b", List.of(new TrunkPool.Trunk("vendor-b", "vendor-b", 5)),
                "vendor-c", List.of(new TrunkPool.Trunk("vendor-c", "vendor-c", vendorCCapacity))),
                vendor -> Integer.MAX_VALUE);
        CallThreads threads = (callId, task) -> {
            if (holdCallThreads) {
                queued.add(task);
            } else {
                task.run();
            }
        };
        control = new CallControl(sw, sink, threads, timer, Clock.systemUTC(),
                new CallControl.Settings(AGENT, 30, CausePolicy.DEFAULT),
                new CallControl.Parts(customers, admission, new RoutePlanner(decks, book, 0, new Random(1)), trunks,
                        book, NumberNormalizer.plain(), ids, CallStats.NONE));
        sw.entered = control::legEntered;
    }

    /** A customer call to {@code number} enters over the {@code customer} endpoint; returns its call id. */
    String dial(String number) {
        String id = "1764000000." + (++calls);
        control.customerEntered(id, "PJSIP/customer-0000000" + calls, "4930123456", List.of(number), Instant.now());
        return id;
    }

    /** Runs the call-thread work held so far and stops holding it. */
    void releaseCallThreads() {
        holdCallThreads = false;
        List<Runnable> due = List.copyOf(queued);
        queued.clear();
        due.forEach(Runnable::run);
    }

    String leg(String callId, int attempt) {
        return ids.vendorLeg(callId, attempt);
    }

    void gone(String channelId, int cause) {
        sw.channels.remove(channelId);
        control.channelGone(channelId, cause, Instant.now());
    }

    List<CallEvent.Type> types(String callId) {
        return sink.of(callId).stream().map(CallEvent::type).toList();
    }

    CallEvent last(String callId) {
        List<CallEvent> events = sink.of(callId);
        return events.get(events.size() - 1);
    }

    static RateDeck deck(String... rows) {
        try {
            Path file = Files.createTempFile("deck", ".csv");
            Files.writeString(file, "prefix,rate\n" + String.join("\n", rows) + "\n");
            try {
                return RateDeckCsv.read(file, Rounding.DEFAULT, RateDeckCsv.BadRows.REFUSE).deck();
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (BadInputException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
