package dev.accrue.engine.state;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every version of the loyalty program the engine applied, in order: the serialized program and
 * the time it is in force from. Small and rarely changed, so the file is rewritten whole (write,
 * then rename) on each new version, and copied with the other state files by a checkpoint.
 *
 * <pre>
 * file: MAGIC (8) then per version: effectiveFromMillis (8), length (4), program bytes
 * </pre>
 */
public final class ProgramStore {
    private static final long MAGIC = 0x3150524755524341L; // "ACRUGRP1"

    /** One stored version; versions are numbered from 1 in the order they were applied. */
    public record StoredVersion(long version, long effectiveFromMillis, byte[] program) {
    }

    private final Path file;
    private final List<StoredVersion> versions = new ArrayList<>();

    private ProgramStore(Path file) {
        this.file = file;
    }

    public static ProgramStore open(File file) {
        ProgramStore store = new ProgramStore(file.toPath());
        if (file.exists()) {
            store.load();
        }
        return store;
    }

    public List<StoredVersion> versions() {
        return Collections.unmodifiableList(versions);
    }

    /** Stores the next version and makes the file hold it before returning. */
    public StoredVersion append(long effectiveFromMillis, byte[] program) {
        StoredVersion version = new StoredVersion(versions.size() + 1, effectiveFromMillis, program.clone());
        versions.add(version);
        save();
        return version;
    }

    private void load() {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            if (in.readLong() != MAGIC) {
                throw new IllegalStateException(file + " is not an Accrue program store");
            }
            while (true) {
                long effectiveFrom;
                try {
                    effectiveFrom = in.readLong();
                } catch (EOFException end) {
                    return;
                }
                byte[] program = new byte[in.readInt()];
                in.readFully(program);
                versions.add(new StoredVersion(versions.size() + 1, effectiveFrom, program));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read program store " + file, e);
        }
    }

    private void save() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(MAGIC);
            for (StoredVersion version : versions) {
                out.writeLong(version.effectiveFromMillis());
                out.writeInt(version.program().length);
                out.write(version.program());
            }
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.write(partial, bytes.toByteArray());
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write program store " + file, e);
        }
    }
}
