package dev.accrue.engine.domain;

/**
 * An event id's two independent hashes: the key that places it in the table of applied events,
 * and a check that tells apart two ids whose keys are equal. Pure functions of the id, so the
 * thread that receives a command can compute them and the business thread need not read the id
 * again to find it.
 */
public final class EventIdHashes {
    private EventIdHashes() {
    }

    /** The id's key: a {@link Hash64}, never 0 (an empty table slot). */
    public static long key(CharSequence eventId) {
        long key = Hash64.finish(Hash64.mix(Hash64.EMPTY, eventId));
        return key == 0 ? 1 : key;
    }

    /**
     * Independent of {@link #key}: other constants, rotation and finish, not just another seed.
     * Four characters a word, as {@link Hash64} reads them: an id is read twice per command, not
     * once per character.
     */
    public static long check(CharSequence eventId) {
        int length = eventId.length();
        long h = 0x165667b19e3779f9L ^ length;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h = checkMix(h, Hash64.word(eventId, i));
        }
        h = checkMix(h, Hash64.tail(eventId, i));
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return h;
    }

    private static long checkMix(long h, long word) {
        return Long.rotateLeft(h ^ word * 0x94d049bb133111ebL, 27) * 0xff51afd7ed558ccdL;
    }
}
