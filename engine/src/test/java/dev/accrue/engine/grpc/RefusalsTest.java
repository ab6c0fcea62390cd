package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetBalanceRequest;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static dev.accrue.engine.testing.TestData.balance;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.eventId;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every refusal over real gRPC: the status, a message naming the field, and no change to any
 * member, identity or the member count. (A refusal the engine decides is journaled, so that a
 * replay refuses it again: the journal position moves, the state does not.)
 */
class RefusalsTest {
    private static final String CARD = "REFUSALS-CARD";
    private static final String ESHOP = "refusals-shopper";
    private static final String PHONE = "+420601777000";

    @TempDir
    static Path dataDirectory;
    static AccrueEngine engine;
    static GrpcTestClient client;
    static long member;

    private Balance balanceBefore;
    private long identitiesBefore;
    private long membersBefore;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
        member = client.enrol(enrol().setCardNumber(CARD).setEshopCustomerId(ESHOP).setPhone(PHONE).build()).getMemberId();
        client.purchase(purchase(byId(member), 12_345).build());
    }

    @AfterAll
    static void stopEngine() {
        if (client != null) {
            client.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void snapshot() {
        balanceBefore = client.balance(byId(member));
        identitiesBefore = engine.state().identities().count();
        membersBefore = engine.state().counters().memberCount();
    }

    /** Whatever the test sent, nothing may have changed. */
    @AfterEach
    void nothingChanged() {
        assertEquals(balanceBefore, client.balance(byId(member)), "the member's balance and last_sequence");
        assertEquals(identitiesBefore, engine.state().identities().count(), "the identities");
        assertEquals(membersBefore, engine.state().counters().memberCount(), "the member count");
    }

    private static <T> void assertRefused(Reply<T> reply, GrpcStatus status, String messageStart) {
        assertEquals(status, reply.status(), () -> "status, with message: " + reply.message());
        assertTrue(reply.message() != null && reply.message().startsWith(messageStart),
                () -> "message should start with '" + messageStart + "': " + reply.message());
        assertNull(reply.value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.accrue.engine.testing.BadInput#purchases")
    void aBadPurchaseIsInvalidArgumentNamingTheField(String scenario, String field, UnaryOperator<Purchase.Builder> change) {
        Purchase bad = change.apply(purchase(byId(member), 5_000)).build();

        assertRefused(client.call(PurchasesGrpcClient.RecordPurchase, bad), GrpcStatus.INVALID_ARGUMENT, field + " ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.accrue.engine.testing.BadInput#enrolments")
    void aBadEnrolmentIsInvalidArgumentNamingTheField(String scenario, String field, UnaryOperator<EnrolRequest.Builder> change) {
        String card = eventId("NEW-CARD");
        EnrolRequest bad = change.apply(enrol().setCardNumber(card)).build();

        assertRefused(client.call(MembersGrpcClient.Enrol, bad), GrpcStatus.INVALID_ARGUMENT, field + " ");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard(card))).status(),
                "the refused enrolment's card is not linked");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.accrue.engine.testing.BadInput#memberRefs")
    void aBadMemberInGetBalanceIsInvalidArgumentNamingTheField(String scenario, String field, MemberRef ref) {
        assertRefused(client.call(MembersGrpcClient.GetBalance, balance(ref)), GrpcStatus.INVALID_ARGUMENT, field + " ");
    }

    @Test
    void getBalanceWithoutAMemberIsInvalidArgument() {
        assertRefused(client.call(MembersGrpcClient.GetBalance, GetBalanceRequest.getDefaultInstance()),
                GrpcStatus.INVALID_ARGUMENT, "member ");
    }

    @Test
    void aPurchaseForAnUnknownMemberIdIsNotFound() {
        assertRefused(client.call(PurchasesGrpcClient.RecordPurchase, purchase(byId(member + 1_000), 5_000).build()),
                GrpcStatus.NOT_FOUND, "member not found");
    }

    @Test
    void aPurchaseForTheNextMemberIdNotYetAssignedIsNotFound() {
        assertRefused(client.call(PurchasesGrpcClient.RecordPurchase, purchase(byId(membersBefore + 1), 5_000).build()),
                GrpcStatus.NOT_FOUND, "member not found");
    }

    @Test
    void aPurchaseForAnUnknownCardIsNotFound() {
        assertRefused(client.call(PurchasesGrpcClient.RecordPurchase, purchase(byCard("NO-SUCH-CARD"), 5_000).build()),
                GrpcStatus.NOT_FOUND, "member not found");
    }

    @Test
    void aPurchaseNamingAKnownValueAsTheWrongKindOfIdentityIsNotFound() {
        assertRefused(client.call(PurchasesGrpcClient.RecordPurchase, purchase(byEshop(CARD), 5_000).build()),
                GrpcStatus.NOT_FOUND, "member not found");
    }

    @Test
    void getBalanceOfAnUnknownMemberIsNotFound() {
        for (MemberRef unknown : new MemberRef[] {byId(member + 1_000), byCard("NO-SUCH-CARD"),
                byEshop("no-such-shopper"), byPhone("+420601000999")}) {
            assertRefused(client.call(MembersGrpcClient.GetBalance, balance(unknown)), GrpcStatus.NOT_FOUND, "member not found");
        }
    }

    @Test
    void enrollingACardAlreadyLinkedIsAlreadyExistsAndLinksNothingElse() {
        EnrolRequest again = enrol().setCardNumber(CARD).setEshopCustomerId("fresh-shopper").setPhone("+420601777001").build();

        assertRefused(client.call(MembersGrpcClient.Enrol, again), GrpcStatus.ALREADY_EXISTS, "an identity");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byEshop("fresh-shopper"))).status());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byPhone("+420601777001"))).status());
    }

    @Test
    void enrollingAPhoneOrEshopIdAlreadyLinkedIsAlreadyExists() {
        assertRefused(client.call(MembersGrpcClient.Enrol, enrol().setCardNumber("FRESH-1").setPhone(PHONE).build()),
                GrpcStatus.ALREADY_EXISTS, "an identity");
        assertRefused(client.call(MembersGrpcClient.Enrol, enrol().setCardNumber("FRESH-2").setEshopCustomerId(ESHOP).build()),
                GrpcStatus.ALREADY_EXISTS, "an identity");
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("FRESH-1"))).status());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetBalance, balance(byCard("FRESH-2"))).status());
    }
}
