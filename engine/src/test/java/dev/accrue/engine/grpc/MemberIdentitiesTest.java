package dev.accrue.engine.grpc;

import dev.accrue.engine.app.AccrueEngine;
import dev.accrue.engine.testing.GrpcTestClient;
import dev.accrue.engine.testing.GrpcTestClient.Reply;
import dev.accrue.engine.testing.TestData;
import dev.accrue.engine.testing.TestEngines;
import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;
import dev.accrue.loyalty.v1.MembersGrpcClient;
import dev.accrue.loyalty.v1.UnlinkIdentityRequest;
import io.vertx.grpc.common.GrpcStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.accrue.engine.testing.GrpcTestClient.ok;
import static dev.accrue.engine.testing.MemberRequests.byEmailHash;
import static dev.accrue.engine.testing.MemberRequests.card;
import static dev.accrue.engine.testing.MemberRequests.email;
import static dev.accrue.engine.testing.MemberRequests.emailHash;
import static dev.accrue.engine.testing.MemberRequests.eshop;
import static dev.accrue.engine.testing.MemberRequests.getMember;
import static dev.accrue.engine.testing.MemberRequests.link;
import static dev.accrue.engine.testing.MemberRequests.phone;
import static dev.accrue.engine.testing.MemberRequests.unlink;
import static dev.accrue.engine.testing.TestData.byCard;
import static dev.accrue.engine.testing.TestData.byEshop;
import static dev.accrue.engine.testing.TestData.byId;
import static dev.accrue.engine.testing.TestData.byPhone;
import static dev.accrue.engine.testing.TestData.repeat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A member's identities (card, e-shop id, phone, e-mail hash): linked, unlinked and looked up over real gRPC. */
class MemberIdentitiesTest {
    private static final String ANNA_EMAIL = emailHash("  Anna.Novak@Example.com ");

    @TempDir
    Path dataDirectory;
    private AccrueEngine engine;
    private GrpcTestClient client;
    private MemberRef anna;
    private MemberRef bob;

    @BeforeEach
    void start() throws Exception {
        open();
        anna = byId(client.enrol(TestData.enrolWithCard("ANNA-CARD").setEmailHash(ANNA_EMAIL).build()).getMemberId());
        bob = byId(client.enrol(TestData.enrolWithCard("BOB-CARD").build()).getMemberId());
        client.purchase(TestData.purchase(anna, 12_300).build()); // 123 points
    }

    private void open() throws Exception {
        engine = AccrueEngine.start(TestEngines.options(dataDirectory));
        client = new GrpcTestClient(engine.grpcPort());
    }

    @AfterEach
    void stop() {
        client.close();
        engine.close();
    }

    @Test
    void aMemberIsFoundByEveryIdentityItWasEnrolledOrLinkedWith() {
        ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, eshop("shop-anna"))));
        ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, phone("+420601123456"))));

        Member expected = client.member(anna);
        for (MemberRef ref : List.of(byCard("ANNA-CARD"), byEmailHash(ANNA_EMAIL), byEshop("shop-anna"),
                byPhone("+420601123456"))) {
            assertEquals(expected, client.member(ref), ref.toString());
            assertEquals(123, client.balance(ref).getAvailable(), ref.toString());
        }
        assertEquals(List.of(card("ANNA-CARD"), email(ANNA_EMAIL), eshop("shop-anna"), phone("+420601123456")),
                expected.getIdentitiesList(), "in the order they were linked");
        assertEquals(MemberStatus.MEMBER_STATUS_ACTIVE, expected.getStatus());
        assertEquals(123, expected.getBalance().getAvailable());
        assertEquals(TestData.timestamp(java.time.Instant.parse("2026-01-02T03:04:05Z")), expected.getEnrolledAt());
    }

    @Test
    void aPurchaseByALinkedEmailHashEarnsForTheMember() {
        assertEquals(150, client.purchase(TestData.purchase(byEmailHash(ANNA_EMAIL), 2_700).build()).getBalance());
    }

    @Test
    void linkingAnIdentityTheMemberAlreadyHasChangesNothing() {
        Member before = client.member(anna);

        Member reply = ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, card("ANNA-CARD"))));

        assertEquals(before.getMemberId(), reply.getMemberId());
        assertEquals(before.getIdentitiesList(), client.member(anna).getIdentitiesList());
    }

    @Test
    void linkingAnotherMembersIdentityIsAlreadyExistsAndChangesNothing() {
        Member annaBefore = client.member(anna);
        Member bobBefore = client.member(bob);

        for (Identity taken : List.of(card("ANNA-CARD"), email(ANNA_EMAIL))) {
            Reply<Member> reply = client.call(MembersGrpcClient.LinkIdentity, link(bob, taken));
            assertEquals(GrpcStatus.ALREADY_EXISTS, reply.status(), reply.message());
        }

        assertEquals(annaBefore, client.member(anna));
        assertEquals(bobBefore, client.member(bob));
        assertEquals(annaBefore.getMemberId(), client.member(byCard("ANNA-CARD")).getMemberId());
    }

    @Test
    void anUnlinkedIdentityNoLongerFindsTheMemberAndMayThenBeLinkedToAnother() {
        ok(client.call(MembersGrpcClient.UnlinkIdentity, unlink(anna, card("ANNA-CARD"))));

        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetMember, getMember(byCard("ANNA-CARD"))).status());
        assertEquals(List.of(email(ANNA_EMAIL)), client.member(anna).getIdentitiesList());
        assertEquals(123, client.balance(byEmailHash(ANNA_EMAIL)).getAvailable(), "reachable by its other identity");

        ok(client.call(MembersGrpcClient.LinkIdentity, link(bob, card("ANNA-CARD"))));

        assertEquals(bob.getMemberId(), client.member(byCard("ANNA-CARD")).getMemberId());
        assertEquals(List.of(card("BOB-CARD"), card("ANNA-CARD")), client.member(bob).getIdentitiesList());
    }

    @Test
    void enrollingWithAnotherMembersEmailHashIsAlreadyExistsAndLinksNothing() {
        Reply<?> reply = client.call(MembersGrpcClient.Enrol, TestData.enrolWithCard("CARL-CARD").setEmailHash(ANNA_EMAIL).build());

        assertEquals(GrpcStatus.ALREADY_EXISTS, reply.status(), reply.message());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetMember, getMember(byCard("CARL-CARD"))).status());
        assertEquals(anna.getMemberId(), client.member(byEmailHash(ANNA_EMAIL)).getMemberId());
    }

    @Test
    void unlinkingAnIdentityTheMemberDoesNotHaveIsNotFoundAndChangesNothing() {
        Member annaBefore = client.member(anna);

        for (Identity notAnnas : List.of(card("BOB-CARD"), phone("+420601000000"), email(emailHash("x@example.com")))) {
            Reply<Member> reply = client.call(MembersGrpcClient.UnlinkIdentity, unlink(anna, notAnnas));
            assertEquals(GrpcStatus.NOT_FOUND, reply.status(), reply.message());
        }

        assertEquals(annaBefore, client.member(anna));
        assertEquals(bob.getMemberId(), client.member(byCard("BOB-CARD")).getMemberId());
    }

    @Test
    void aMemberHasAtMostSixteenIdentities() {
        // Long values too: sixteen of them must fit in the member's list.
        for (int i = 3; i <= 16; i++) {
            ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, i % 2 == 0
                    ? email(emailHash("anna" + i + "@example.com")) : card(repeat('C', 62) + i))));
        }
        assertEquals(16, client.member(anna).getIdentitiesCount());

        Reply<Member> seventeenth = client.call(MembersGrpcClient.LinkIdentity, link(anna, card("ONE-TOO-MANY")));

        assertEquals(GrpcStatus.FAILED_PRECONDITION, seventeenth.status(), seventeenth.message());
        assertEquals(16, client.member(anna).getIdentitiesCount());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetMember, getMember(byCard("ONE-TOO-MANY"))).status());
        assertEquals(anna.getMemberId(), client.member(byCard(repeat('C', 62) + 15)).getMemberId());
    }

    @Test
    void aRetriedLinkAnswersAsTheFirstAndAnotherLinkUnderItsEventIdIsAlreadyExists() {
        LinkIdentityRequest once = link(anna, phone("+420601123456"));

        Member first = ok(client.call(MembersGrpcClient.LinkIdentity, once));
        Member retry = ok(client.call(MembersGrpcClient.LinkIdentity, once));
        Reply<Member> reused = client.call(MembersGrpcClient.LinkIdentity, once.toBuilder().setIdentity(phone("+420601999999")).build());

        assertEquals(first, retry);
        assertEquals(GrpcStatus.ALREADY_EXISTS, reused.status(), reused.message());
        assertEquals(List.of(card("ANNA-CARD"), email(ANNA_EMAIL), phone("+420601123456")), client.member(anna).getIdentitiesList());
    }

    @Test
    void aRetriedUnlinkAnswersAsTheFirstAndUnlinksOnce() {
        UnlinkIdentityRequest once = unlink(anna, card("ANNA-CARD"));

        Member first = ok(client.call(MembersGrpcClient.UnlinkIdentity, once));
        Member retry = ok(client.call(MembersGrpcClient.UnlinkIdentity, once));

        assertEquals(first, retry);
        assertEquals(List.of(email(ANNA_EMAIL)), client.member(anna).getIdentitiesList());
        assertEquals(GrpcStatus.ALREADY_EXISTS, client.call(MembersGrpcClient.UnlinkIdentity,
                once.toBuilder().setIdentity(email(ANNA_EMAIL)).build()).status(), "the event id for another unlink");
    }

    @Test
    void linkingToAnUnknownMemberIsNotFound() {
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.LinkIdentity, link(byId(999), card("NEW"))).status());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.LinkIdentity, link(byCard("NO-SUCH"), card("NEW"))).status());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetMember, getMember(byCard("NEW"))).status());
    }

    @Test
    void badIdentityRequestsAreRefusedNamingTheField() {
        Member before = client.member(anna);

        assertInvalid(link(anna, email(ANNA_EMAIL.toUpperCase())), "identity.email_hash");
        assertInvalid(link(anna, email(ANNA_EMAIL.substring(1))), "identity.email_hash");
        assertInvalid(link(anna, email(ANNA_EMAIL.substring(1) + "g")), "identity.email_hash");
        assertInvalid(link(anna, phone("+420 601")), "identity.phone");
        assertInvalid(link(anna, card(repeat('1', 65))), "identity.card_number");
        assertInvalid(link(anna, Identity.getDefaultInstance()), "identity");
        assertInvalid(link(anna, card("X")).toBuilder().clearIdentity().build(), "identity");
        assertInvalid(link(anna, card("X")).toBuilder().setEventId("").build(), "event_id");
        assertInvalid(link(anna, card("X")).toBuilder().clearOccurredAt().build(), "occurred_at");
        assertInvalid(link(anna, card("X")).toBuilder().setMember(byEmailHash("not-a-hash")).build(), "member.email_hash");
        assertEquals(before, client.member(anna));
    }

    @Test
    void linkedAndUnlinkedIdentitiesSurviveARestart() throws Exception {
        ok(client.call(MembersGrpcClient.LinkIdentity, link(anna, eshop("shop-anna"))));
        ok(client.call(MembersGrpcClient.UnlinkIdentity, unlink(anna, card("ANNA-CARD"))));
        Member before = client.member(anna);

        stop();
        open();

        assertEquals(before.toBuilder().clearBalance().build(), client.member(byEshop("shop-anna")).toBuilder().clearBalance().build());
        assertEquals(List.of(email(ANNA_EMAIL), eshop("shop-anna")), client.member(byEmailHash(ANNA_EMAIL)).getIdentitiesList());
        assertEquals(GrpcStatus.NOT_FOUND, client.call(MembersGrpcClient.GetMember, getMember(byCard("ANNA-CARD"))).status());
    }

    private void assertInvalid(LinkIdentityRequest request, String field) {
        Reply<Member> reply = client.call(MembersGrpcClient.LinkIdentity, request);
        assertEquals(GrpcStatus.INVALID_ARGUMENT, reply.status(), field);
        assertTrue(reply.message().startsWith(field + " "), reply.message());
    }
}
