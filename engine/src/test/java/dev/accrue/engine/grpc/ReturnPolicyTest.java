package dev.accrue.engine.grpc;

import com.google.protobuf.Timestamp;
import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.engine.testing.TestPrograms;
import dev.accrue.loyalty.v1.ApplyProgramRequest;
import dev.accrue.loyalty.v1.Balance;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.ProgramsGrpcClient;
import dev.accrue.loyalty.v1.PurchaseReceipt;
import dev.accrue.loyalty.v1.PurchasesGrpcClient;
import dev.accrue.loyalty.v1.RedemptionsGrpcClient;
import dev.accrue.loyalty.v1.Return;
import dev.accrue.loyalty.v1.ReturnPolicy;
import dev.accrue.loyalty.v1.ReturnReceipt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.redeem;
import static dev.accrue.engine.testing.TestData.byId;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The program's return policy, over real gRPC: a member earns 100 points, spends 80 and returns the
 * purchase, so 20 points come back from the balance and 80 are owed. Both policies owe the same 80
 * and pay it from the next points earned; they differ in how a balance shows it.
 */
class ReturnPolicyTest {
    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void allowingANegativeBalanceShowsWhatIsOwedAsNegativeAvailablePoints() throws Exception {
        start(ReturnPolicy.RETURN_POLICY_ALLOW_NEGATIVE_BALANCE);

        ReturnReceipt receipt = spendThenReturn();

        assertEquals(100, receipt.getPointsTaken());
        assertEquals(-80, receipt.getBalance());
        assertEquals(0, receipt.getDebt());
        assertBalance(-80, 0);
        assertEquals(-50, buy("anna-2", 3_000).getBalance(), "the next points earned pay what is owed");
        assertBalance(-50, 0);
        assertEquals(10, buy("anna-3", 6_000).getBalance());
        assertBalance(10, 0);
    }

    @Test
    void recordingDebtShowsWhatIsOwedBesideABalanceOfZero() throws Exception {
        start(ReturnPolicy.RETURN_POLICY_RECORD_DEBT);

        ReturnReceipt receipt = spendThenReturn();

        assertEquals(100, receipt.getPointsTaken());
        assertEquals(0, receipt.getBalance());
        assertEquals(80, receipt.getDebt());
        assertBalance(0, 80);
        assertEquals(0, buy("anna-2", 3_000).getBalance(), "the next points earned pay what is owed");
        assertBalance(0, 50);
        assertEquals(10, buy("anna-3", 6_000).getBalance());
        assertBalance(10, 0);
    }

    @Test
    void aProgramChangeOfPolicyChangesHowDebtShowsNotHowMuchIsOwed() throws Exception {
        start(ReturnPolicy.RETURN_POLICY_RECORD_DEBT);
        spendThenReturn();
        assertBalance(0, 80);

        apply(ReturnPolicy.RETURN_POLICY_ALLOW_NEGATIVE_BALANCE, "policy-negative");
        assertBalance(-80, 0);

        apply(ReturnPolicy.RETURN_POLICY_RECORD_DEBT, "policy-debt");
        assertBalance(0, 80);
    }

    @Test
    void aMemberWhoOwesNothingShowsTheSameBalanceUnderEitherPolicy() throws Exception {
        start(ReturnPolicy.RETURN_POLICY_ALLOW_NEGATIVE_BALANCE);
        buy("anna-1", 10_000);
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(anna, 30)));
        assertBalance(70, 0);

        apply(ReturnPolicy.RETURN_POLICY_RECORD_DEBT, "policy-debt");
        assertBalance(70, 0);
    }

    private void start(ReturnPolicy policy) throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory,
                TestPrograms.baseOnly().setReturnPolicy(policy).build()));
        client = new GrpcTestClient(engine.grpcPort());
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").build()).getMemberId());
    }

    private ReturnReceipt spendThenReturn() {
        buy("anna-1", 10_000);
        ok(client.call(RedemptionsGrpcClient.Redeem, redeem(anna, 80)));
        return ok(client.call(PurchasesGrpcClient.RecordReturn, Return.newBuilder()
                .setEventId("return-1").setPurchaseEventId("anna-1").setPartnerId("partner-1").setStoreId("store-7")
                .setOccurredAt(TestData.timestamp(TestData.OCCURRED_AT.plusSeconds(60))).build()));
    }

    private void apply(ReturnPolicy policy, String eventId) {
        ok(client.call(ProgramsGrpcClient.ApplyProgram, ApplyProgramRequest.newBuilder()
                .setEventId(eventId)
                .setProgram(TestPrograms.baseOnly().setReturnPolicy(policy))
                .setEffectiveFrom(Timestamp.newBuilder().setSeconds(1))
                .build()));
    }

    private PurchaseReceipt buy(String eventId, long totalMinor) {
        return client.purchase(TestData.purchase(anna, totalMinor).setEventId(eventId).build());
    }

    private void assertBalance(long available, long debt) {
        Balance balance = client.balance(anna);
        assertEquals(available, balance.getAvailable(), "available");
        assertEquals(debt, balance.getDebt(), "debt");
    }
}
