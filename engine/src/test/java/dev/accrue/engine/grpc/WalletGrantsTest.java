package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.GetHistoryRequest;
import dev.accrue.loyalty.v1.History;
import dev.accrue.loyalty.v1.LineItem;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.Purchase;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnedLine;
import dev.accrue.loyalty.v1.RulePoints;
import dev.accrue.loyalty.v1.Wallet;
import dev.accrue.loyalty.v1.WalletBalance;
import dev.accrue.loyalty.v1.WalletGrant;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Passes bought at the till: a wallet grant credits visits, Redeem spends them, a return takes back what is left. */
class WalletGrantsTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;
    private int events;

    @BeforeEach
    void start() throws Exception {
        Path program = TestPrograms.write(dataDirectory.resolveSibling(dataDirectory.getFileName() + "-passes.json"),
                TestPrograms.baseOnly()
                        .addWallets(Wallet.newBuilder().setId("swim").setName("Swimming pool").setUnit("visits"))
                        .addWalletGrants(WalletGrant.newBuilder().setSku("SWIM-10").setWallet("swim").setUnits(10))
                        .build());
        engine = AccrueEngine.start(TestEngines.options(dataDirectory).setProgramFile(program));
        client = new GrpcTestClient(engine.grpcPort());
        member = byId(client.enrol(TestData.enrol().build()).getMemberId());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void buyingPassesCreditsTheirVisitsAndTheReceiptNamesTheWallet() {
        PurchaseReceipt receipt = client.purchase(passes("order-1", 2).build());

        assertEquals(List.of(swim(20)), client.balance(member).getWalletsList());
        assertEquals(20, swimUnits(receipt.getEarnedByRuleList()));
        assertEquals(100, receipt.getPointsEarned(), "the points are earned as usual");
    }

    @Test
    void aVisitIsRedeemedFromTheWalletNotFromThePoints() {
        client.purchase(passes("order-1", 1).build());

        var receipt = ok(client.call(RedemptionsGrpcClient.Redeem, visit(1)));

        assertEquals(9, receipt.getWalletBalance());
        Balance balance = client.balance(member);
        assertEquals(List.of(swim(9)), balance.getWalletsList());
        assertEquals(50, balance.getAvailable());
    }

    @Test
    void redeemingMoreVisitsThanTheWalletHoldsIsRefusedAndChangesNothing() {
        client.purchase(passes("order-1", 1).build());

        assertEquals(GrpcStatus.FAILED_PRECONDITION, client.call(RedemptionsGrpcClient.Redeem, visit(11)).status());
        assertEquals(List.of(swim(10)), client.balance(member).getWalletsList());
    }

    @Test
    void aWalletTheProgramDoesNotHaveIsRefusedAsInvalid() {
        RedeemRequest gym = visit(1).toBuilder().setWallet("gym").build();

        assertEquals(GrpcStatus.INVALID_ARGUMENT, client.call(RedemptionsGrpcClient.Redeem, gym).status());
    }

    @Test
    void returningAPassTakesBackItsVisitsButNoMoreThanAreLeft() {
        client.purchase(passes("order-1", 2).build()); // 20 visits
        ok(client.call(RedemptionsGrpcClient.Redeem, visit(13)));

        ok(client.call(PurchasesGrpcClient.RecordReturn, returnOf("order-1", 1)));
        assertEquals(List.of(), client.balance(member).getWalletsList(), "one pass's 10 visits take the 7 left");
        ok(client.call(PurchasesGrpcClient.RecordReturn, returnOf("order-1", 1)));

        assertEquals(List.of(), client.balance(member).getWalletsList());
        History history = ok(client.call(MembersGrpcClient.GetHistory, GetHistoryRequest.newBuilder().setMember(member).build()));
        assertEquals(0, swimUnits(history.getMovements(0).getEarnedByRuleList()));
        assertEquals(-7, swimUnits(history.getMovements(1).getEarnedByRuleList()));
        assertEquals(20, swimUnits(history.getMovements(3).getEarnedByRuleList()), "the purchase");
    }

    @Test
    void aPartReturnTakesBackOnlyTheReturnedPassesVisits() {
        client.purchase(passes("order-1", 3).build()); // 30 visits

        ok(client.call(PurchasesGrpcClient.RecordReturn, returnOf("order-1", 1)));

        assertEquals(List.of(swim(20)), client.balance(member).getWalletsList());
    }

    private static long swimUnits(List<RulePoints> byRule) {
        return byRule.stream().filter(r -> r.getRuleId().equals("wallet:swim")).mapToLong(RulePoints::getPoints).sum();
    }

    private static WalletBalance swim(long visits) {
        return WalletBalance.newBuilder().setWallet("swim").setBalance(visits).build();
    }

    private Purchase.Builder passes(String eventId, long count) {
        return TestData.purchase(member, 5_000 * count).setEventId(eventId).clearLines()
                .addLines(LineItem.newBuilder().setSku("SWIM-10").setCategory("leisure").setQuantity(count)
                        .setAmountMinor(5_000 * count));
    }

    private RedeemRequest visit(long visits) {
        return RedeemRequest.newBuilder()
                .setEventId("visit-" + ++events)
                .setMember(member)
                .setPartnerId("pool")
                .setStoreId("pool-1")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60)))
                .setPoints(visits)
                .setWallet("swim")
                .build();
    }

    private Return returnOf(String purchase, long quantity) {
        return Return.newBuilder()
                .setEventId("return-" + ++events)
                .setPurchaseEventId(purchase)
                .setPartnerId("partner-1")
                .setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(3_600)))
                .addLines(ReturnedLine.newBuilder().setLine(0).setQuantity(quantity))
                .build();
    }
}
