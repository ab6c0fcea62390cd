package dev.accrue.engine.pipeline;

import dev.accrue.engine.command.CommandSlot;
import dev.accrue.engine.domain.IdentityKind;
import dev.accrue.engine.domain.MemberRecord;
import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Channel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a purchase earns and whom: the total times the currency's rate, rounded down, accumulating, for the
 * member its id or any of its identities names; one older than the last leaves the last activity where it was.
 */
class PurchaseEarningTest extends ProcessorFixture {
    @Test
    void purchaseCreditsTheTotalTimesTheRateRoundedDown() {
        open(100);
        long member = enrol("CARD-1", null, null).resultMemberId;

        CommandSlot slot = purchase(member, 12_399);

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(member, slot.resultMemberId);
        assertEquals(123, slot.pointsEarned);
        assertEquals(123, slot.available);
        assertEquals(123, slot.lifetimeEarned);
        assertEquals(2, slot.sequence);
        assertEquals(2, slot.lastSequence);
        MemberRecord record = stored(member);
        assertEquals(123, record.available);
        assertEquals(123, record.lifetimeEarned);
        assertEquals(2, record.lastSequence);
        assertEquals(BOUGHT_AT, record.lastActivityMillis);
        assertEquals(ENROLLED_AT, record.enrolledAtMillis);
    }

    @Test
    void purchaseInAnotherCurrencyUsesThatCurrencysRate() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        ProcessorDriver.Purchase purchase = purchaseOf(member, "JPY", 1_000);

        CommandSlot slot = purchase.apply();

        assertEquals(ResultCode.OK, slot.result);
        assertEquals(12, slot.pointsEarned, "1,000 yen at 3 points per 250 yen");
    }

    @Test
    void purchasesAccumulate() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;

        purchase(member, 1_000);
        purchase(member, 250);
        CommandSlot third = purchase(member, 99);

        assertEquals(0, third.pointsEarned);
        assertEquals(12, third.available);
        assertEquals(12, stored(member).lifetimeEarned);
        assertEquals(4, third.sequence);
    }

    @Test
    void purchaseByCardEshopIdOrPhoneResolvesTheMember() {
        open(100);
        enrol("OTHER", null, null);
        long member = enrol("CARD-2", "shopper-2", "+420601000002").resultMemberId;

        CommandSlot byCard = purchase(IdentityKind.CARD, "CARD-2", 100);
        CommandSlot byEshop = purchase(IdentityKind.ESHOP, "shopper-2", 200);
        CommandSlot byPhone = purchase(IdentityKind.PHONE, "+420601000002", 300);

        assertEquals(member, byCard.resultMemberId);
        assertEquals(member, byEshop.resultMemberId);
        assertEquals(member, byPhone.resultMemberId);
        assertEquals(6, byPhone.available);
        assertEquals(0, stored(1).available, "the other member is untouched");
    }

    @Test
    void anOlderPurchaseDoesNotMoveLastActivityBack() {
        open(100);
        long member = enrol(null, null, null).resultMemberId;
        purchase(member, 100);
        ProcessorDriver.Purchase purchase = engine.purchase(member, Channel.CHANNEL_POS, BOUGHT_AT - 86_400_000)
                .total("EUR", 100);

        CommandSlot older = purchase.apply();

        assertEquals(ResultCode.OK, older.result);
        assertEquals(BOUGHT_AT, stored(member).lastActivityMillis);
    }
}
