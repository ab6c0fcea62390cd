package dev.accrue.bench.jmh;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.command.CommandType;
import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.journal.CommandCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * A purchase's journal payload: {@link #encode} is what the journal thread does for every command
 * before it writes and forces the batch (into a direct buffer, as the journal's); {@link #decode}
 * is what a replay does for every command before the business logic applies it. A three-line
 * basket named by card, as the load generator sends. Encoding allocates nothing; decoding
 * allocates the command's strings.
 *
 * <pre>
 * java -jar benchmarks/target/accrue-benchmarks.jar JournalCodecBenchmark -prof gc -f 1 -wi 3 -w 2s -i 5 -r 2s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JournalCodecBenchmark extends ChronicleFork {
    private final CommandSlot slot = new CommandSlot();
    private final CommandSlot decoded = new CommandSlot();
    private final ByteBuffer journal = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
    private ByteBuffer payload;

    @Setup
    public void setUp() {
        slot.reset(CommandType.PURCHASE);
        slot.eventId = "pos-store-0042-till-03-000000012345";
        slot.memberIdentityKind = IdentityKind.CARD;
        slot.memberIdentity = "6280000000123456";
        slot.partnerId = "partner-01";
        slot.storeId = "store-0042";
        slot.channel = 1;
        slot.occurredAtMillis = 1_790_000_000_000L;
        slot.currency = CurrencyCode.pack("EUR");
        slot.totalMinor = 4_299;
        slot.paymentMethod = 1;
        slot.lineCount = 3;
        String[] skus = {"SKU-000123", "SKU-004567", "SKU-089012"};
        String[] categories = {"groceries", "household", "beverages"};
        for (int i = 0; i < 3; i++) {
            slot.lineSku[i] = skus[i];
            slot.lineCategory[i] = categories[i];
            slot.lineQuantity[i] = i + 1;
            slot.lineAmountMinor[i] = 1_433;
        }
        CommandCodec.encode(slot, journal.clear());
        payload = ByteBuffer.allocateDirect(journal.position()).order(ByteOrder.LITTLE_ENDIAN);
        payload.put(journal.flip()).flip();
    }

    @Benchmark
    public int encode() {
        ByteBuffer out = journal.clear();
        CommandCodec.encode(slot, out);
        return out.position();
    }

    @Benchmark
    public int decode() {
        CommandCodec.decode(CommandType.PURCHASE, payload.clear(), decoded);
        return decoded.lineCount;
    }
}
