package dev.accrue.engine.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Checkpoints' copies of the map files: taken in memory at one moment, written out later. */
class MapFileCopiesTest {
    @TempDir
    Path dir;

    @Test
    void writesEachFileAsItWasWhenCopiedThoughItChangedSince() throws Exception {
        File members = file("members.cm3", bytes(3 << 20, 1));
        File identities = file("identities.cm3", bytes(200_000, 2));
        byte[] membersThen = Files.readAllBytes(members.toPath());
        byte[] identitiesThen = Files.readAllBytes(identities.toPath());
        MapFileCopies copies = MapFileCopies.prepare(members, identities);
        try {
            assertEquals(List.of("members.cm3", "identities.cm3"), copies.copy());
            // Written in place after the copy, as the business thread goes on once the checkpoint's pause ends.
            overwrite(members, 1 << 20, bytes(4096, 3));
            overwrite(identities, 0, bytes(100, 4));
            Path checkpoint = Files.createDirectories(dir.resolve("checkpoint"));

            copies.writeTo(checkpoint);

            assertArrayEquals(membersThen, Files.readAllBytes(checkpoint.resolve("members.cm3")));
            assertArrayEquals(identitiesThen, Files.readAllBytes(checkpoint.resolve("identities.cm3")));
        } finally {
            copies.release();
        }
    }

    @Test
    void copiesAFileGrownWithinItsRoomAndLeavesOneGrownPastItToTheCaller() throws Exception {
        File members = file("members.cm3", bytes(800_000, 5));
        File identities = file("identities.cm3", bytes(80_000, 6));
        MapFileCopies copies = MapFileCopies.prepare(members, identities);
        try {
            overwrite(members, 800_000, bytes(50_000, 7)); // an eighth more is room enough
            overwrite(identities, 80_000, bytes(80_000, 8)); // twice as large: no room
            byte[] membersThen = Files.readAllBytes(members.toPath());
            Path checkpoint = Files.createDirectories(dir.resolve("checkpoint"));

            assertEquals(List.of("members.cm3"), copies.copy());
            assertEquals(850_000, copies.bytesCopied());
            copies.writeTo(checkpoint);

            assertArrayEquals(membersThen, Files.readAllBytes(checkpoint.resolve("members.cm3")));
            assertFalse(Files.exists(checkpoint.resolve("identities.cm3")), "left to the page-cache copy");
        } finally {
            copies.release();
        }
    }

    @Test
    void aLaterCopyTakesTheFilesAsTheyAreThen() throws Exception {
        File members = file("members.cm3", bytes(500_000, 9));
        MapFileCopies copies = MapFileCopies.prepare(members);
        try {
            copies.copy();
            overwrite(members, 123_456, bytes(10_000, 10));
            byte[] secondThen = Files.readAllBytes(members.toPath());
            copies.copy();
            Path checkpoint = Files.createDirectories(dir.resolve("second"));

            copies.writeTo(checkpoint);

            assertArrayEquals(secondThen, Files.readAllBytes(checkpoint.resolve("members.cm3")));
        } finally {
            copies.release();
        }
    }

    private File file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content).toFile();
    }

    private static void overwrite(File file, long at, byte[] content) throws Exception {
        try (FileChannel channel = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(content), at);
        }
    }

    private static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
