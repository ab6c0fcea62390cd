package dev.accrue.engine.command;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.testing.BadInput;
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

class EnrolCommandTest {
    static EnrolRequest.Builder valid() {
        return TestData.enrol().setCardNumber("CARD-1").setEshopCustomerId("shopper-1").setPhone("+420601123456");
    }

    static Stream<Arguments> badEnrolments() {
        return BadInput.enrolments();
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
