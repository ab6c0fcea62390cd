package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.LinkIdentityRequest;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.UnlinkIdentityRequest;
import io.vertx.grpc.common.GrpcStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The identity part of the admin workload: links of new identities of every kind, unlinks of those,
 * and links of another member's enrolment card, which the engine refuses with ALREADY_EXISTS.
 */
final class IdentityChanges {
    private final ExpectedMembers members;
    private final AdminCommands commands;

    IdentityChanges(ExpectedMembers members, AdminCommands commands) {
        this.members = members;
        this.commands = commands;
    }

    boolean link(Random random, int n, long member, AtomicInteger outstanding) {
        if (!members.claim(member)) {
            return false;
        }
        if (members.identitiesOf(member).size() >= 8) {
            members.release(member);
            return false;
        }
        Identity identity = newIdentity(n);
        LinkIdentityRequest request = LinkIdentityRequest.newBuilder().setEventId("crash-link-" + n)
                .setMember(members.ref(random, member)).setIdentity(identity).setOccurredAt(now()).build();
        commands.send(request.getEventId(), outstanding, s -> s.members().linkIdentity(request), (reply, error) -> {
            if (error == null) {
                members.linked(member, identity);
                members.expectView(request.getEventId(), member, (Member) reply).ifPresent(commands::surprise);
                commands.count("links");
            } else if (!commands.refusedAsSurprise(error, request.getEventId() + ": link refused")) {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    boolean unlink(Random random, int n, long member, AtomicInteger outstanding) {
        // Claimed before its identities are read: an unlink answered between would leave them stale.
        if (!members.claim(member)) {
            return false;
        }
        List<Identity> linked = members.linkedBy(member);
        if (linked.isEmpty()) {
            members.release(member);
            return false;
        }
        Identity identity = linked.get(random.nextInt(linked.size()));
        UnlinkIdentityRequest request = UnlinkIdentityRequest.newBuilder().setEventId("crash-unlink-" + n)
                .setMember(members.ref(random, member)).setIdentity(identity).setOccurredAt(now()).build();
        commands.send(request.getEventId(), outstanding, s -> s.members().unlinkIdentity(request), (reply, error) -> {
            if (error == null) {
                members.unlinked(member, identity);
                members.expectView(request.getEventId(), member, (Member) reply).ifPresent(commands::surprise);
                commands.count("unlinks");
            } else if (!commands.refusedAsSurprise(error, request.getEventId() + ": unlink refused")) {
                return false;
            }
            members.release(member);
            return true;
        });
        return true;
    }

    /** Links another member's enrolment card: ALREADY_EXISTS, and nothing changes. */
    boolean conflictingLink(Random random, int n, long member, long owner, AtomicInteger outstanding) {
        if (member == owner || !members.claim(member, owner)) {
            return false;
        }
        LinkIdentityRequest request = LinkIdentityRequest.newBuilder().setEventId("crash-conflict-" + n)
                .setMember(members.ref(random, member))
                .setIdentity(Identity.newBuilder().setCardNumber(members.enrolmentCard(owner))).setOccurredAt(now())
                .build();
        commands.send(request.getEventId(), outstanding, s -> s.members().linkIdentity(request), (reply, error) -> {
            if (error == null) {
                commands.surprise(request.getEventId() + ": linked " + owner + "'s card to " + member);
            } else if (AdminCommands.refused(error, GrpcStatus.ALREADY_EXISTS)) {
                commands.count("conflicting links refused");
            } else {
                return false;
            }
            members.release(member, owner);
            return true;
        });
        return true;
    }

    /** A new identity of one of the four kinds; e-mail hashes as the API wants them. */
    private static Identity newIdentity(int n) {
        Identity.Builder identity = Identity.newBuilder();
        return switch (n % 4) {
            case 0 -> identity.setCardNumber("CRASH-LINK-" + n).build();
            case 1 -> identity.setEshopCustomerId("crash-shop-" + n).build();
            case 2 -> identity.setPhone(String.format("+42060%07d", n)).build();
            default -> identity.setEmailHash(sha256("crash-" + n + "@example.test")).build();
        };
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Timestamp now() {
        return Timestamp.newBuilder().setSeconds(System.currentTimeMillis() / 1000).build();
    }
}
