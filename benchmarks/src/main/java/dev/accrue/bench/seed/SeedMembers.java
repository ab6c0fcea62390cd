package dev.accrue.bench.seed;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.app.ConfigFile;
import dev.accrue.engine.app.EngineOptions;
import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.command.EnrolCommand;
import dev.accrue.engine.command.PurchaseCommand;
import dev.accrue.engine.pipeline.CommandPublisher;
import dev.accrue.loyalty.v1.Channel;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.PaymentMethod;
import dev.accrue.loyalty.v1.Purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Creates a data directory holding N members, each enrolled with a card and holding one lot of
 * points from one purchase, in minutes rather than the hours enrolment over gRPC takes. The engine
 * does all of it: an {@link AccrueEngine} started in this JVM gets the commands straight into its
 * ring, where the journal stage journals them and the business logic applies them like any others;
 * then a checkpoint, and a clean shutdown. The result is the data directory the engine would have
 * after the same enrolments and purchases over its API (the journal they went through, minus the
 * segments the checkpoint covers), and the engine opens it as its own.
 *
 * <pre>
 * java $CHRONICLE_FLAGS -XX:MaxDirectMemorySize=16g -cp benchmarks/target/accrue-benchmarks.jar \
 *     dev.accrue.bench.seed.SeedMembers --members=1000000 --data.dir=/tmp/accrue-1m \
 *     --members.capacity=1000000 --idempotency.capacity=8000000 --returns.capacity=7000000 [--key=value ...]
 * </pre>
 *
 * Members get ids 1..N (so the directory must be new), cards {@code SEED-00000001..}, event ids
 * {@code seed-enrol-ID} and {@code seed-purchase-ID}: the idempotency table must hold 2N ids more
 * than whatever follows, the index of returnable purchases N more. Every other option is the
 * engine's, as {@code accrue-engine.jar} takes it ({@code run-recovery.sh} shows the Chronicle
 * flags a {@code -cp} run needs).
 */
public final class SeedMembers {
    /** 2026-01-01T00:00:00Z. */
    private static final long ENROLLED_AT_SECONDS = 1_767_225_600L;
    private static final long DAY_SECONDS = 86_400;
    /** Replies may trail the last command published by a checkpoint's length and more. */
    private static final long DRAIN_SECONDS = 600;

    private SeedMembers() {
    }

    public static void main(String[] args) throws Exception {
        long members = 0;
        List<String> engineArgs = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--members=")) {
                members = Long.parseLong(arg.substring("--members=".length()));
            } else {
                engineArgs.add(arg);
            }
        }
        if (members < 1) {
            System.err.println("seed: --members=N (N > 0) is required");
            System.exit(2);
        }
        // Nothing but this process talks to the engine, and nothing else is enrolled.
        engineArgs.addAll(List.of("--grpc.host=127.0.0.1", "--grpc.port=0", "--demo.seed-members=false",
                "--checkpoint.interval-seconds=0"));
        EngineOptions options = ConfigFile.fromArgs(engineArgs.toArray(String[]::new));
        if (options.getMemberCapacity() < members) {
            System.err.println("seed: members.capacity=" + options.getMemberCapacity() + " is below --members=" + members);
            System.exit(2);
        }
        long started = System.nanoTime();
        try (AccrueEngine engine = AccrueEngine.start(options)) {
            long already = engine.state().counters().memberCount();
            if (already != 0) {
                throw new IllegalStateException(options.getDataDirectory() + " already has " + already
                        + " members; seeding gives ids 1..N and needs a new data directory");
            }
            Outcomes outcomes = new Outcomes();
            long enrolling = System.nanoTime();
            for (long id = 1; id <= members; id++) {
                EnrolRequest enrolment = enrolment(id);
                publish(engine.publisher(), CommandType.ENROL, outcomes, slot -> EnrolCommand.copy(enrolment, slot));
            }
            outcomes.await(members, DRAIN_SECONDS);
            report("enrolled", members, enrolling);
            long purchasing = System.nanoTime();
            Timestamp purchasedAt = Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000 - DAY_SECONDS).build();
            for (long id = 1; id <= members; id++) {
                Purchase purchase = purchase(id, purchasedAt);
                publish(engine.publisher(), CommandType.PURCHASE, outcomes, slot -> PurchaseCommand.copy(purchase, slot));
            }
            outcomes.await(2 * members, DRAIN_SECONDS);
            report("purchased for", members, purchasing);
            long checkpointing = System.nanoTime();
            engine.checkpoint();
            System.out.printf("checkpoint in %.1f s%n", (System.nanoTime() - checkpointing) / 1e9);
            if (engine.state().counters().memberCount() != members) {
                throw new IllegalStateException("the engine counts " + engine.state().counters().memberCount()
                        + " members, not " + members);
            }
        }
        System.out.printf("SEEDED members=%d seconds=%.1f dir=%s%n", members, (System.nanoTime() - started) / 1e9,
                options.getDataDirectory().toAbsolutePath());
    }

    /** Claims a slot, fills it as the gRPC stage would from the request, and publishes it. */
    private static void publish(CommandPublisher publisher, CommandType type, Outcomes outcomes,
                                Consumer<CommandSlot> fill) {
        long sequence;
        while ((sequence = publisher.tryClaim()) == CommandPublisher.RING_FULL) {
            // Two cores: a spinning producer would take one from the stages it waits for.
            LockSupport.parkNanos(100_000);
        }
        CommandSlot slot = publisher.slot(sequence);
        slot.reset(type);
        fill.accept(slot);
        slot.reply = outcomes;
        publisher.publish(sequence);
    }

    private static EnrolRequest enrolment(long id) {
        return EnrolRequest.newBuilder()
                .setEventId("seed-enrol-" + id)
                .setCardNumber(String.format("SEED-%08d", id))
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(ENROLLED_AT_SECONDS + id % DAY_SECONDS))
                .build();
    }

    /** A till's purchase a day ago, 5 to 105 EUR: one lot of 5 to 105 points under the demo program. */
    private static Purchase purchase(long id, Timestamp occurredAt) {
        return Purchase.newBuilder()
                .setEventId("seed-purchase-" + id)
                .setMember(MemberRef.newBuilder().setMemberId(id))
                .setPartnerId(String.format("partner-%02d", id % 20))
                .setStoreId(String.format("store-%04d", id % 500))
                .setChannel(Channel.CHANNEL_POS)
                .setOccurredAt(occurredAt)
                .setCurrency("EUR")
                .setTotalMinor(500 + id * 7919 % 10_000)
                .setPaymentMethod(PaymentMethod.PAYMENT_METHOD_CARD)
                .build();
    }

    private static void report(String what, long members, long since) {
        double seconds = (System.nanoTime() - since) / 1e9;
        System.out.printf("%s %,d members in %.1f s (%,.0f/s)%n", what, members, seconds, members / seconds);
    }
}
