package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.EnrolReply;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import io.vertx.core.Future;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.await;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.enrol;
import static dev.accrue.engine.testing.TestData.enrolWithCard;
import static dev.accrue.engine.testing.TestData.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unary calls of both services against a real engine, through the generated Vert.x stubs. */
class UnaryCallsTest {
    @TempDir
    static Path dataDirectory;
    static AccrueEngine engine;
    static GrpcTestClient client;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
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

    @Test
    void enrolAssignsConsecutiveMemberIdsAndIncreasingSequences() {
        EnrolReply first = await(client.members().enrol(enrol().build()));
        EnrolReply second = await(client.members().enrol(enrol().build()));

        assertEquals(first.getMemberId() + 1, second.getMemberId());
        assertTrue(second.getSequence() > first.getSequence(), "sequence must increase");
        Balance balance = await(client.members().getBalance(TestData.balance(byId(second.getMemberId()))));
        assertEquals(second.getMemberId(), balance.getMemberId());
        assertEquals(0, balance.getAvailable());
        assertEquals(0, balance.getLifetimeEarned());
        assertEquals(second.getSequence(), balance.getLastSequence());
    }

    @Test
    void purchaseByMemberIdCreditsPointsAtTheBaseRate() {
        EnrolReply member = client.enrol(enrol().build());

        PurchaseReceipt receipt = await(client.purchases().recordPurchase(purchase(byId(member.getMemberId()), 12_399).build()));

        assertEquals(member.getMemberId(), receipt.getMemberId());
        assertEquals(123, receipt.getPointsEarned(), "EUR earns 1 point per 100 cents, rounded down");
        assertEquals(123, receipt.getBalance());
        assertTrue(receipt.getSequence() > member.getSequence());
    }

    @Test
    void purchaseByCardNumberIsCreditedToTheCardsMember() {
        EnrolReply member = client.enrol(enrolWithCard("CARD-UNARY-1").build());

        PurchaseReceipt first = client.purchase(purchase(byCard("CARD-UNARY-1"), 5_000).build());
        PurchaseReceipt second = client.purchase(purchase(byCard("CARD-UNARY-1"), 2_550).build());

        assertEquals(member.getMemberId(), first.getMemberId());
        assertEquals(member.getMemberId(), second.getMemberId());
        assertEquals(50, first.getPointsEarned());
        assertEquals(25, second.getPointsEarned());
        assertEquals(75, second.getBalance());
        assertTrue(second.getSequence() > first.getSequence(), "sequence must increase");
    }

    @Test
    void purchasesByEshopIdAndPhoneResolveTheSameMember() {
        EnrolReply member = client.enrol(enrol().setEshopCustomerId("eshop-unary-1").setPhone("+420601555111").build());

        PurchaseReceipt byEshopId = client.purchase(purchase(byEshop("eshop-unary-1"), 1_000).build());
        PurchaseReceipt byPhoneNumber = client.purchase(purchase(byPhone("+420601555111"), 1_000).build());

        assertEquals(member.getMemberId(), byEshopId.getMemberId());
        assertEquals(member.getMemberId(), byPhoneNumber.getMemberId());
        assertEquals(20, byPhoneNumber.getBalance());
    }

    @Test
    void getBalanceMatchesTheLastReceipt() {
        EnrolReply member = client.enrol(enrolWithCard("CARD-UNARY-2").build());
        client.purchase(purchase(byId(member.getMemberId()), 10_000).build());
        PurchaseReceipt last = client.purchase(purchase(byCard("CARD-UNARY-2"), 999).build());

        Balance byIdBalance = client.balance(byId(member.getMemberId()));
        Balance byCardBalance = client.balance(byCard("CARD-UNARY-2"));

        assertEquals(109, last.getBalance());
        assertEquals(member.getMemberId(), byIdBalance.getMemberId());
        assertEquals(last.getBalance(), byIdBalance.getAvailable());
        assertEquals(109, byIdBalance.getLifetimeEarned());
        assertEquals(0, byIdBalance.getPending());
        assertEquals(0, byIdBalance.getLifetimeRedeemed());
        assertEquals(0, byIdBalance.getTier());
        assertEquals(last.getSequence(), byIdBalance.getLastSequence());
        assertEquals(byIdBalance, byCardBalance);
    }

    @Test
    void concurrentEnrolmentsOfOneCardLinkItToExactlyOneMember() {
        long membersBefore = engine.state().counters().memberCount();
        List<Future<Reply<EnrolReply>>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(client.callAsync(MembersGrpcClient.Enrol, enrolWithCard("CARD-RACE").build()));
        }

        List<Reply<EnrolReply>> replies = calls.stream().map(GrpcTestClient::await).toList();

        List<Reply<EnrolReply>> enrolled = replies.stream().filter(r -> r.status() == GrpcStatus.OK).toList();
        assertEquals(1, enrolled.size(), "one enrolment wins");
        assertTrue(replies.stream().allMatch(r -> r.status() == GrpcStatus.OK || r.status() == GrpcStatus.ALREADY_EXISTS),
                () -> replies.stream().map(Reply::status).toList().toString());
        assertEquals(membersBefore + 1, engine.state().counters().memberCount());
        assertEquals(enrolled.get(0).value().getMemberId(), client.balance(byCard("CARD-RACE")).getMemberId());
    }

    @Test
    void getBalanceDoesNotConsumeASequence() {
        EnrolReply member = client.enrol(enrol().build());
        client.balance(byId(member.getMemberId()));
        client.balance(byId(member.getMemberId()));

        PurchaseReceipt receipt = client.purchase(purchase(byId(member.getMemberId()), 100).build());

        assertEquals(member.getSequence() + 1, receipt.getSequence(), "balance reads must not take sequence numbers");
    }
}
