package dev.accrue.bench.disk;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * What a journal commit costs on this disk, two ways, alternating: 4 KiB written and forced
 * ({@code FileChannel.force(false)}, i.e. fdatasync) at the end of a growing file, and the same
 * into a file zero-filled and forced beforehand, as the journal's segments are. Prints p50, p99 and
 * mean per way and round.
 *
 * <p>{@code java -cp benchmarks/target/accrue-benchmarks.jar dev.accrue.bench.disk.FsyncProbe [dir] [writes] [rounds]}
 */
public final class FsyncProbe {
    private static final int WRITE = 4096;

    private FsyncProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        for (int round = 1; round <= rounds; round++) {
            for (boolean preallocated : new boolean[] {false, true}) {
                long[] micros = run(dir, writes, preallocated);
                Arrays.sort(micros);
                System.out.printf("round %d %-12s p50 %5d us  p99 %6d us  mean %6d us%n", round,
                        preallocated ? "preallocated" : "growing", micros[micros.length / 2],
                        micros[(int) (micros.length * 0.99)], (long) Arrays.stream(micros).average().orElse(0));
            }
        }
    }

    private static long[] run(Path dir, int writes, boolean preallocated) throws IOException {
        Path file = Files.createTempFile(dir, "fsync-probe-", ".bin");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            if (preallocated) {
                ByteBuffer zeros = ByteBuffer.allocateDirect(1 << 20);
                for (long at = 0; at < (long) writes * WRITE; at += zeros.capacity()) {
                    channel.write(zeros.clear(), at);
                }
                channel.force(true);
            }
            ByteBuffer record = ByteBuffer.allocateDirect(WRITE);
            long[] micros = new long[writes];
            for (int i = 0; i < writes; i++) {
                channel.write(record.clear(), (long) i * WRITE);
                long started = System.nanoTime();
                channel.force(false);
                micros[i] = (System.nanoTime() - started) / 1_000;
            }
            return micros;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
