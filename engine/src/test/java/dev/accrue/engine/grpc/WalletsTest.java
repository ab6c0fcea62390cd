package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.AdjustPointsRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberAdminGrpcClient;
import dev.accrue.loyalty.v1.MemberMovement;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MovementKind;
import dev.accrue.loyalty.v1.RedeemRequest;
import dev.accrue.loyalty.v1.RedemptionReceipt;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Wallet;
import dev.accrue.loyalty.v1.WalletBalance;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.adjust;
import static dev.accrue.engine.testing.MemberRequests.merge;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.MemberRequests.status;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wallets besides the points (a car-wash pass, coffee vouchers): credited by admins, spent by Redeem, over real gRPC. */
class WalletsTest {
    private static final String WASHES = "car-wash";
    private static final String COFFEE = "coffee";

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef member;

    @BeforeEach
    void start() throws Exception {
        open();
        member = byId(client.enrol(TestData.enrol().build()).getMemberId());
        client.purchase(TestData.purchase(member, 10_000).build()); // 100 points
    }

    private void open() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory, TestPrograms.baseOnly()
                .addWallets(Wallet.newBuilder().setId(WASHES).setName("Car wash pass").setUnit("washes"))
                .addWallets(Wallet.newBuilder().setId(COFFEE).setName("Coffee").setUnit("vouchers")).build()));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aCreditedWalletShowsInTheBalanceBesideThePoints() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));

        Balance balance = ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, COFFEE, 3)));

        assertEquals(Map.of(WASHES, 10L, COFFEE, 3L), wallets(balance));
        assertEquals(100, balance.getAvailable(), "the points are untouched");
        assertEquals(0, balance.getLifetimeAdjusted(), "lifetime_adjusted counts points only");
        assertEquals(wallets(balance), wallets(client.balance(member)));
        MemberMovement credited = client.history(member).get(0);
        assertEquals(MovementKind.MOVEMENT_KIND_ADJUSTED, credited.getKind());
        assertEquals(COFFEE, credited.getWallet());
        assertEquals(3, credited.getPoints());
    }

    @Test
    void aRedemptionFromAWalletSpendsItsUnitsNotThePoints() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));

        RedemptionReceipt receipt = ok(client.call(RedemptionsGrpcClient.Redeem, redeemWashes(1)));

        assertEquals(1, receipt.getPointsRedeemed());
        assertEquals(9, receipt.getWalletBalance());
        assertEquals(100, receipt.getBalance(), "the member's points");
        Balance balance = client.balance(member);
        assertEquals(Map.of(WASHES, 9L), wallets(balance));
        assertEquals(0, balance.getLifetimeRedeemed(), "lifetime_redeemed counts points only");
        MemberMovement redeemed = client.history(member).get(0);
        assertEquals(MovementKind.MOVEMENT_KIND_REDEEMED, redeemed.getKind());
        assertEquals(WASHES, redeemed.getWallet());
        assertEquals(-1, redeemed.getPoints());
    }

    @Test
    void aWalletSpentToZeroLeavesTheBalance() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 2)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, COFFEE, 1)));

        assertEquals(0, ok(client.call(RedemptionsGrpcClient.Redeem, redeemWashes(2))).getWalletBalance());

        assertEquals(Map.of(COFFEE, 1L), wallets(client.balance(member)));
        assertEquals(Map.of(), wallets(ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, COFFEE, -1)))));
    }

    @Test
    void spendingMoreUnitsThanTheWalletHoldsIsRefusedAndChangesNothing() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 2)));

        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem, redeemWashes(3)), GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, -3)),
                GrpcStatus.FAILED_PRECONDITION);
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem,
                redeem(member, 1).toBuilder().setWallet(COFFEE).build()), GrpcStatus.FAILED_PRECONDITION);
    }

    @Test
    void aWalletTheProgramDoesNotHaveIsInvalidArgumentAndChangesNothing() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 2)));

        assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, "parking", 1)),
                GrpcStatus.INVALID_ARGUMENT);
        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem,
                redeem(member, 1).toBuilder().setWallet("parking").build()), GrpcStatus.INVALID_ARGUMENT);
        Reply<Balance> named = client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, "parking", 1));
        assertTrue(named.message().startsWith("wallet "), named.message());
    }

    @Test
    void aMalformedWalletIdIsRefusedNamingTheFieldAndChangesNothing() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 2)));

        for (String bad : new String[] {"w".repeat(65), "tab\there"}) {
            assertRefusedChangingNothing(() -> client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, bad, 1)),
                    GrpcStatus.INVALID_ARGUMENT);
            Reply<RedemptionReceipt> redeem = client.call(RedemptionsGrpcClient.Redeem,
                    redeem(member, 1).toBuilder().setWallet(bad).build());
            assertEquals(GrpcStatus.INVALID_ARGUMENT, redeem.status());
            assertTrue(redeem.message().startsWith("wallet "), redeem.message());
        }
        assertEquals(2, wallets(client.balance(member)).get(WASHES));
    }

    @Test
    void aRetriedWalletRedemptionAnswersAsTheFirstAndSpendsOnce() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));
        RedeemRequest once = redeemWashes(4);

        RedemptionReceipt first = ok(client.call(RedemptionsGrpcClient.Redeem, once));
        RedemptionReceipt retry = ok(client.call(RedemptionsGrpcClient.Redeem, once));

        assertEquals(first, retry);
        assertEquals(Map.of(WASHES, 6L), wallets(client.balance(member)));
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(RedemptionsGrpcClient.Redeem,
                once.toBuilder().setWallet(COFFEE).build()).status(), "the event id for another wallet");
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(RedemptionsGrpcClient.Redeem,
                once.toBuilder().clearWallet().build()).status(), "the event id for points");
    }

    @Test
    void aRetriedWalletCreditAnswersAsTheFirstAndCreditsOnce() {
        AdjustPointsRequest once = adjust(member, WASHES, 10);

        Balance first = ok(client.call(MemberAdminGrpcClient.AdjustPoints, once));
        Balance retry = ok(client.call(MemberAdminGrpcClient.AdjustPoints, once));

        assertEquals(first, retry);
        assertEquals(Map.of(WASHES, 10L), wallets(client.balance(member)));
    }

    @Test
    void aSuspendedMemberCannotSpendAWallet() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));
        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MemberStatus.MEMBER_STATUS_SUSPENDED)));

        assertRefusedChangingNothing(() -> client.call(RedemptionsGrpcClient.Redeem, redeemWashes(1)), GrpcStatus.FAILED_PRECONDITION);
    }

    @Test
    void closingAMemberForfeitsItsWallets() {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));

        ok(client.call(MemberAdminGrpcClient.SetMemberStatus, status(member, MemberStatus.MEMBER_STATUS_CLOSED)));

        assertEquals(Map.of(), wallets(client.balance(member)));
        MemberMovement forfeited = client.history(member).stream()
                .filter(m -> m.getKind() == MovementKind.MOVEMENT_KIND_FORFEITED && m.getWallet().equals(WASHES))
                .findFirst().orElseThrow(() -> new AssertionError("no FORFEITED movement of the washes"));
        assertEquals(-10, forfeited.getPoints());
    }

    @Test
    void aMergeAddsUpTheWallets() {
        MemberRef other = byId(client.enrol(TestData.enrol().build()).getMemberId());
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(other, WASHES, 5)));
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(other, COFFEE, 2)));

        ok(client.call(MemberAdminGrpcClient.MergeMembers, merge(member, other)));

        assertEquals(Map.of(WASHES, 15L, COFFEE, 2L), wallets(client.balance(other)));
    }

    @Test
    void walletsSurviveARestart() throws Exception {
        ok(client.call(MemberAdminGrpcClient.AdjustPoints, adjust(member, WASHES, 10)));
        ok(client.call(RedemptionsGrpcClient.Redeem, redeemWashes(3)));

        stop();
        open();

        assertEquals(Map.of(WASHES, 7L), wallets(client.balance(member)));
        assertEquals(6, ok(client.call(RedemptionsGrpcClient.Redeem, redeemWashes(1))).getWalletBalance());
    }

    private RedeemRequest redeemWashes(long units) {
        return redeem(member, units).toBuilder().setWallet(WASHES).build();
    }

    private static Map<String, Long> wallets(Balance balance) {
        return balance.getWalletsList().stream().collect(Collectors.toMap(WalletBalance::getWallet, WalletBalance::getBalance));
    }

    /** The call is refused with {@code status}; the balance and history are as before. */
    private void assertRefusedChangingNothing(Supplier<Reply<?>> call, GrpcStatus status) {
        Balance balance = client.balance(member);
        List<MemberMovement> history = client.history(member);

        Reply<?> reply = call.get();

        assertEquals(status, reply.status(), reply.message());
        assertEquals(balance, client.balance(member));
        assertEquals(history, client.history(member));
    }
}
