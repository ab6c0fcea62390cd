package dev.accrue.engine.state;

import dev.accrue.bench.jmh.ChronicleFork;
import dev.accrue.engine.domain.Movement;
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
 * A purchase's EARNED movement encoded into the history's buffer, as {@link MovementLog#append}
 * does for every purchase: three lines, six rule entries, an event id of 35 characters. The
 * buffer (4 MiB, as the log's) wraps, so the stores land in lines the cache lost, as the log's do.
 * In the codec's package, whose encoding is not public.
 *
 * <pre>
 * java -jar benchmarks/target/accrue-benchmarks.jar MovementCodecBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MovementCodecBenchmark extends ChronicleFork {
    private final ByteBuffer log = ByteBuffer.allocateDirect(MovementLog.BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final Movement movement = new Movement();
    private long offset;
    private final char[] chars = new char[64];

    @Setup
    public void setUp() {
        Movement m = movement.clear(Movement.Kind.EARNED);
        m.memberId = 734_221;
        m.previous = 1;
        m.sequence = 52_000_000_000L;
        m.occurredAtMillis = 1_767_225_600_000L;
        m.points = 412;
        m.pendingPoints = 412;
        m.pendingUntilMillis = 1_769_817_600_000L;
        m.expiresAtMillis = 1_830_297_599_999L;
        m.programVersion = 3;
        m.eventId.append("store-0001/till-01/receipt-12345678");
        m.entryCount = 6;
        for (int e = 0; e < m.entryCount; e++) {
            m.entryRule[e] = e * 3;
            m.entryLine[e] = e % 4 - 1;
            m.entryPoints[e] = 40 + 13 * e;
        }
        m.lineCount = 3;
        for (int l = 0; l < m.lineCount; l++) {
            m.lineQuantity[l] = l + 1;
            m.linePoints[l] = 120 + l;
            m.lineAmountMinor[l] = 2_999 - 700 * l;
            m.lineQualifying[l] = 120 + l;
            m.lineBasketAmount[l] = 2_999 - 700 * l;
        }
    }

    @Benchmark
    public int encode() {
        ByteBuffer b = log;
        if (b.remaining() < MovementCodec.maxSize(movement)) {
            b.clear();
        }
        movement.sequence++;
        movement.previous = offset - 1_000_000;
        int size = MovementCodec.encode(movement, offset, b, chars);
        offset += size;
        return size;
    }
}
