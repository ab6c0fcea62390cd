package dev.accrue.engine.command;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.testing.TestData;
import dev.accrue.loyalty.v1.EnrolRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static dev.accrue.engine.testing.TestData.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EnrolCommandTest {
    static EnrolRequest.Builder valid() {
        return TestData.enrol().setCardNumber("CARD-1").setEshopCustomerId("shopper-1").setPhone("+420601123456");
    }

    private static Arguments bad(String scenario, String field, UnaryOperator<EnrolRequest.Builder> change) {
        return arguments(scenario, field, change);
    }

    static Stream<Arguments> badEnrolments() {
        return Stream.of(
                bad("missing event_id", "event_id", EnrolRequest.Builder::clearEventId),
                bad("event_id of 129 characters", "event_id", b -> b.setEventId(repeat('e', 129))),
                bad("missing enrolled_at", "enrolled_at", EnrolRequest.Builder::clearEnrolledAt),
                bad("enrolled_at before 1970", "enrolled_at", b -> b.setEnrolledAt(Timestamp.newBuilder().setSeconds(-86_400))),
                bad("card_number of 65 characters", "card_number", b -> b.setCardNumber(repeat('1', 65))),
                bad("card_number with a control character", "card_number", b -> b.setCardNumber("CARD\u0000")),
                bad("eshop_customer_id of 65 characters", "eshop_customer_id", b -> b.setEshopCustomerId(repeat('x', 65))),
                bad("phone without +", "phone", b -> b.setPhone("00420601123456")),
                bad("phone of 6 digits", "phone", b -> b.setPhone("+420601")),
                bad("phone of 16 digits", "phone", b -> b.setPhone("+4206011234567890")),
                bad("phone starting with 0", "phone", b -> b.setPhone("+0420601123")),
                bad("phone with a dash", "phone", b -> b.setPhone("+420-601-123")),
                bad("phone of a + alone", "phone", b -> b.setPhone("+")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnrolments")
    void aBadEnrolmentIsRefusedNamingTheField(String scenario, String field, UnaryOperator<EnrolRequest.Builder> change) {
        String error = EnrolCommand.validate(change.apply(valid()).build());

        assertTrue(error != null && error.startsWith(field + " "), () -> scenario + ": expected an error naming "
                + field + ", got " + error);
    }

    @Test
    void anEnrolmentWithEveryIdentityIsValid() {
        assertNull(EnrolCommand.validate(valid().build()));
    }

    @Test
    void anEnrolmentWithoutIdentitiesIsValid() {
        assertNull(EnrolCommand.validate(TestData.enrol().build()));
    }

    @Test
    void identitiesOfSixtyFourCharactersAreValid() {
        assertNull(EnrolCommand.validate(valid().setCardNumber(repeat('1', 64)).setEshopCustomerId(repeat('x', 64)).build()));
    }

    @Test
    void copyFillsTheSlot() {
        EnrolRequest request = valid().setEventId("enrol-77")
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(1_767_225_600L).setNanos(5_000_000)).build();
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.ENROL);

        EnrolCommand.copy(request, slot);

        assertEquals(CommandType.ENROL, slot.type);
        assertEquals("enrol-77", slot.eventId);
        assertEquals(1_767_225_600_005L, slot.occurredAtMillis);
        assertEquals("CARD-1", slot.enrolCard);
        assertEquals("shopper-1", slot.enrolEshop);
        assertEquals("+420601123456", slot.enrolPhone);
    }

    @Test
    void copyLeavesIdentitiesNotGivenNull() {
        CommandSlot slot = new CommandSlot();
        slot.reset(CommandType.ENROL);

        EnrolCommand.copy(TestData.enrol().setPhone("+420601123456").build(), slot);

        assertNull(slot.enrolCard);
        assertNull(slot.enrolEshop);
        assertEquals("+420601123456", slot.enrolPhone);
    }
}
