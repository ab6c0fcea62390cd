package dev.accrue.engine.state;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of the map files in memory, for checkpoints: the business thread copies each file from a
 * read-only mapping of its own, at memory speed (15 GB/s for a plain copy here), and the
 * checkpoint's thread writes the copies out. Copied through the page cache instead (a {@code
 * sendfile} into the checkpoint's file), the 915 MiB of map files at a million members held the
 * business thread 3.2-3.9 s under load.
 *
 * <p>The memory is allocated once, for the files' sizes when it is prepared and an eighth more; a
 * file grown past its room since is left to the page-cache copy. It is not the reserved huge
 * pages' (they are sized for the tables), and counts against the JVM's direct memory limit like
 * the tables' copies.
 */
final class MapFileCopies {
    /** Bytes a file's copy may hold: its size when prepared and an eighth more (Chronicle adds tiers). */
    private static final int HEADROOM_SHIFT = 3;
    /** A file is mapped in parts of a memory chunk's size, so that part c of it is copied into chunk c. */
    private static final int PART = TableMemory.CHUNK;
    /**
     * Copies are written 64 KiB at a time, as {@code sendfile} writes: the page cache then holds
     * them in folios of that size, as it did the page-cache copies. A restart takes a checkpoint's
     * files as they are, and a write fault costs in proportion to its folio (160 µs on 2 MiB ones
     * here, under writeback; see BENCHMARKS.md).
     */
    private static final int WRITE = 64 << 10;

    private final File[] files;
    /** Each file's copy in memory of its own. */
    private final TableMemory[] memory;
    /** The size of each file's last copy; -1 if it was not copied. */
    private final long[] copied;
    /** Read-only mappings of each file, remade when its size changes. */
    private final MappedByteBuffer[][] mappings;
    private final long[] mappedSize;

    private MapFileCopies(File[] files, TableMemory[] memory) {
        this.files = files;
        this.memory = memory;
        this.copied = new long[files.length];
        this.mappings = new MappedByteBuffer[files.length][];
        this.mappedSize = new long[files.length];
    }

    /**
     * Memory for copies of {@code files} as large as they are now, and an eighth more; throws
     * {@link IllegalStateException} if the JVM's direct memory cannot hold it.
     */
    static MapFileCopies prepare(File... files) {
        TableMemory[] memory = new TableMemory[files.length];
        try {
            for (int i = 0; i < files.length; i++) {
                long room = files[i].length() + (files[i].length() >> HEADROOM_SHIFT);
                memory[i] = TableMemory.allocateBesideTables(Math.max(room, 1), "checkpoints' copies of the map files");
            }
        } catch (IllegalStateException e) {
            for (TableMemory allocated : memory) {
                if (allocated != null) {
                    allocated.release();
                }
            }
            throw e;
        }
        return new MapFileCopies(files, memory);
    }

    /**
     * Business-logic thread, the state holding still: copies every file that fits its room; returns
     * the names of those copied (the others are for the caller to copy otherwise).
     */
    List<String> copy() throws IOException {
        List<String> names = new ArrayList<>(files.length);
        for (int i = 0; i < files.length; i++) {
            long size = files[i].length();
            ByteBuffer[] chunks = memory[i].chunks();
            if (size > room(chunks)) {
                copied[i] = -1;
                continue;
            }
            MappedByteBuffer[] parts = mapping(i, size);
            for (int c = 0; c < parts.length; c++) {
                chunks[c].duplicate().clear().put(parts[c].duplicate().clear());
            }
            copied[i] = size;
            names.add(files[i].getName());
        }
        return names;
    }

    /** Any thread: writes the last {@link #copy} of each file copied into {@code directory}, under its name. */
    void writeTo(Path directory) throws IOException {
        for (int i = 0; i < files.length; i++) {
            if (copied[i] < 0) {
                continue;
            }
            ByteBuffer[] chunks = memory[i].chunks();
            try (FileChannel out = FileChannel.open(directory.resolve(files[i].getName()), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                long at = 0;
                for (int c = 0; at < copied[i]; c++) {
                    ByteBuffer part = chunks[c].duplicate().clear().limit((int) Math.min(PART, copied[i] - at));
                    while (part.hasRemaining()) {
                        ByteBuffer piece = part.slice().limit(Math.min(WRITE, part.remaining()));
                        int written = out.write(piece, at);
                        at += written;
                        part.position(part.position() + written);
                    }
                }
            }
        }
    }

    /** Bytes the last {@link #copy} copied. */
    long bytesCopied() {
        long bytes = 0;
        for (long size : copied) {
            bytes += Math.max(size, 0);
        }
        return bytes;
    }

    void release() {
        for (TableMemory allocated : memory) {
            allocated.release();
        }
    }

    private static long room(ByteBuffer[] chunks) {
        long room = 0;
        for (ByteBuffer chunk : chunks) {
            room += chunk.capacity();
        }
        return room;
    }

    private MappedByteBuffer[] mapping(int file, long size) throws IOException {
        if (mappings[file] == null || mappedSize[file] != size) {
            try (FileChannel channel = FileChannel.open(files[file].toPath(), StandardOpenOption.READ)) {
                MappedByteBuffer[] parts = new MappedByteBuffer[(int) ((size + PART - 1) / PART)];
                for (int c = 0; c < parts.length; c++) {
                    long from = (long) c * PART;
                    parts[c] = channel.map(FileChannel.MapMode.READ_ONLY, from, Math.min(PART, size - from));
                }
                mappings[file] = parts; // a mapping outlives its channel
                mappedSize[file] = size;
            }
        }
        return mappings[file];
    }
}
