package dev.accrue.engine.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StringIndexTest {

    @Test
    void everyStringIsFoundAtItsPositionFromAnyCharSequence() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            names.add("category-" + i);
        }
        StringIndex index = new StringIndex(names);

        for (int i = 0; i < names.size(); i++) {
            assertEquals(i, index.indexOf(names.get(i)));
            assertEquals(i, index.indexOf(new StringBuilder(names.get(i))));
        }
        assertEquals(10_000, index.size());
        assertEquals("category-42", index.get(42));
    }

    @Test
    void stringsNotInTheSetAndNullAreMissing() {
        StringIndex index = new StringIndex(List.of("shoes", "socks", ""));

        assertEquals(StringIndex.MISSING, index.indexOf("boots"));
        assertEquals(StringIndex.MISSING, index.indexOf("Shoes"));
        assertEquals(StringIndex.MISSING, index.indexOf("shoes "));
        assertEquals(StringIndex.MISSING, index.indexOf(null));
        assertEquals(2, index.indexOf(""));
        assertEquals(StringIndex.MISSING, StringIndex.empty().indexOf("shoes"));
    }

    @Test
    void duplicatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StringIndex(List.of("a", "b", "a")));
    }
}
