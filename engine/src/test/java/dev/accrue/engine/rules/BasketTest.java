package dev.accrue.engine.rules;

import dev.accrue.engine.command.CommandSlot;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class BasketTest {

    @Test
    void aBasketHoldsEveryLineACommandSlotCanCarry() {
        assertEquals(CommandSlot.MAX_LINE_ITEMS, Basket.MAX_LINES);
    }

    @Test
    void clearDropsTheLinesAndTheirStrings() {
        Basket basket = new Basket().addLine("A", "c", 1, 10).addLine("B", null, 2, 20);
        basket.at("p", basket.storeId());

        basket.clear();

        assertEquals(0, basket.lineCount);
        assertNull(basket.sku(0));
        assertNull(basket.category(0));
        assertNull(basket.partnerId());
    }
}
