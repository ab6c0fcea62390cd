package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.Identity;
import dev.accrue.loyalty.v1.Member;
import dev.accrue.loyalty.v1.MemberRef;
import dev.accrue.loyalty.v1.MemberStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the crash loop's client knows of members beyond their points: who was merged into whom
 * (and at which journal sequence, once the audit log has said), each member's identities in the
 * order they were linked, who is suspended, and every admin change the engine acknowledged, which
 * the audit log must list exactly once.
 *
 * <p>A member with an admin command unanswered is busy: it gets no other admin command, and no
 * redemption, hold, capture or return (purchases go on), so that each answer has one meaning and
 * a merge never races a command whose receipt names the member. Thread-safe: the driving thread
 * sends, the event loops record answers.
 */
final class ExpectedMembers {
    /** An admin change the engine acknowledged, as the audit log must list it. */
    record AdminChange(String eventId, String action, long memberId, long amount) {
    }

    /** Members not merged into another, in enrolment order. */
    private final List<Long> live = new ArrayList<>();
    private final Map<Long, String> enrolmentCard = new HashMap<>();
    private final Map<Long, Long> survivorOf = new HashMap<>();
    private final Map<Long, String> mergeEventOf = new HashMap<>();
    /** Identities of live members ("card:..." as {@link #key}), in the order they were linked. */
    private final Map<Long, List<String>> identities = new HashMap<>();
    /** Identities the workload linked (not enrolment cards), which it may unlink again. */
    private final Map<Long, List<Identity>> linked = new HashMap<>();
    private final Set<Long> suspended = new HashSet<>();
    private final Set<Long> busy = new HashSet<>();
    private final Map<String, AdminChange> changes = new LinkedHashMap<>();
    /** Journal sequences of admin changes, by event id, as the audit log lists them. */
    private final Map<String, Long> sequences = new HashMap<>();
    /** Commands sent naming a merged member, to land on its survivor. */
    private int aliased;

    synchronized void enrolled(long memberId, String card) {
        if (enrolmentCard.putIfAbsent(memberId, card) == null) {
            live.add(memberId);
            identities.put(memberId, new ArrayList<>(List.of("card:" + card)));
        }
    }

    synchronized List<Long> live() {
        return new ArrayList<>(live);
    }

    /** Every member ever merged into another. */
    synchronized List<Long> merged() {
        return new ArrayList<>(survivorOf.keySet());
    }

    synchronized String enrolmentCard(long memberId) {
        return enrolmentCard.get(memberId);
    }

    /** The member {@code memberId} is now: itself, or the survivor of every merge since. */
    synchronized long resolve(long memberId) {
        long id = memberId;
        while (survivorOf.containsKey(id)) {
            id = survivorOf.get(id);
        }
        return id;
    }

    /**
     * The member {@code memberId} was when the command at journal {@code sequence} was applied: the
     * merges before it followed, those after it not. Needs the merges' sequences from the audit log.
     */
    synchronized long resolveAt(long memberId, long sequence) {
        long id = memberId;
        while (survivorOf.containsKey(id) && mergeSequence(id) < sequence) {
            id = survivorOf.get(id);
        }
        return id;
    }

    /** The journal sequence of the merge of {@code mergedId}. */
    synchronized long mergeSequence(long mergedId) {
        Long sequence = sequences.get(mergeEventOf.get(mergedId));
        if (sequence == null) {
            throw new IllegalStateException("merge of " + mergedId + " not yet seen in the audit log");
        }
        return sequence;
    }

    /** The event id of the merge of {@code mergedId}. */
    synchronized String mergeEvent(long mergedId) {
        return mergeEventOf.get(mergedId);
    }

    /** The members merged into {@code survivor}, directly or through earlier merges. */
    synchronized List<Long> absorbedBy(long survivor) {
        List<Long> absorbed = new ArrayList<>();
        for (long merged : survivorOf.keySet()) {
            if (resolve(merged) == survivor) {
                absorbed.add(merged);
            }
        }
        return absorbed;
    }

    /**
     * How a command names live member {@code memberId}: mostly by id, sometimes by its enrolment
     * card, and, once others were merged into it, often by a merged member's id or card, which must
     * land on it.
     */
    synchronized MemberRef ref(Random random, long memberId) {
        List<Long> absorbed = absorbedBy(memberId);
        int how = random.nextInt(8);
        if (!absorbed.isEmpty() && how < 3) {
            aliased++;
            long alias = absorbed.get(random.nextInt(absorbed.size()));
            return how == 0 ? MemberRef.newBuilder().setMemberId(alias).build()
                    : MemberRef.newBuilder().setCardNumber(enrolmentCard.get(alias)).build();
        }
        return how == 3 ? MemberRef.newBuilder().setCardNumber(enrolmentCard.get(memberId)).build()
                : MemberRef.newBuilder().setMemberId(memberId).build();
    }

    synchronized int aliased() {
        return aliased;
    }

    /** Marks the members busy if each is live and not busy already; false (and nothing marked) otherwise. */
    synchronized boolean claim(long... memberIds) {
        for (long id : memberIds) {
            if (busy.contains(id) || !live.contains(id)) {
                return false;
            }
        }
        for (long id : memberIds) {
            busy.add(id);
        }
        return true;
    }

    synchronized void release(long... memberIds) {
        for (long id : memberIds) {
            busy.remove(id);
        }
    }

    /** Whether the member is not merged into another (a list of live members may be older than a merge). */
    synchronized boolean isLive(long memberId) {
        return !survivorOf.containsKey(memberId);
    }

    synchronized boolean busy(long memberId) {
        return busy.contains(resolve(memberId));
    }

    synchronized boolean suspended(long memberId) {
        return suspended.contains(resolve(memberId));
    }

    synchronized void statusSet(long memberId, boolean suspend) {
        if (suspend) {
            suspended.add(memberId);
        } else {
            suspended.remove(memberId);
        }
    }

    synchronized List<String> identitiesOf(long memberId) {
        return new ArrayList<>(identities.get(memberId));
    }

    synchronized List<Identity> linkedBy(long memberId) {
        return new ArrayList<>(linked.getOrDefault(memberId, List.of()));
    }

    synchronized void linked(long memberId, Identity identity) {
        List<String> of = identities.get(memberId);
        if (!of.contains(key(identity))) {
            of.add(key(identity));
            linked.computeIfAbsent(memberId, m -> new ArrayList<>()).add(identity);
        }
    }

    synchronized void unlinked(long memberId, Identity identity) {
        identities.get(memberId).remove(key(identity));
        linked.getOrDefault(memberId, new ArrayList<>()).remove(identity);
    }

    /** Merged into survivor: its identities follow the survivor's, its id and cards now name the survivor. */
    synchronized void merged(long survivor, long merged, String eventId) {
        if (survivorOf.containsKey(merged)) {
            return; // a late second answer
        }
        survivorOf.put(merged, survivor);
        mergeEventOf.put(merged, eventId);
        live.remove(merged);
        identities.get(survivor).addAll(identities.remove(merged));
        linked.computeIfAbsent(survivor, m -> new ArrayList<>()).addAll(linked.getOrDefault(merged, List.of()));
        linked.remove(merged);
    }

    /** An acknowledged admin change that the audit log must list. */
    synchronized void changed(AdminChange change) {
        changes.putIfAbsent(change.eventId(), change);
    }

    synchronized List<AdminChange> changes() {
        return new ArrayList<>(changes.values());
    }

    synchronized void sequence(String eventId, long sequence) {
        sequences.put(eventId, sequence);
    }

    synchronized long sequenceOf(String eventId) {
        Long sequence = sequences.get(eventId);
        if (sequence == null) {
            throw new IllegalStateException(eventId + " not yet seen in the audit log");
        }
        return sequence;
    }

    /**
     * What is wrong with a change's answer, if anything: it must name the member, and, when it is the
     * member's whole view (a retry's names the member alone), show its status, identities and merged
     * members as they are now. The member is busy until this answer, so nothing else changed them.
     */
    synchronized Optional<String> expectView(String eventId, long member, Member answer) {
        if (answer.getMemberId() != member) {
            return Optional.of(eventId + ": answered for member " + answer.getMemberId() + ", sent to " + member);
        }
        if (answer.getIdentitiesCount() == 0) {
            return Optional.empty();
        }
        MemberStatus status = suspended(member) ? MemberStatus.MEMBER_STATUS_SUSPENDED : MemberStatus.MEMBER_STATUS_ACTIVE;
        List<String> listed = answer.getIdentitiesList().stream().map(ExpectedMembers::key).toList();
        if (answer.getStatus() == status && listed.equals(identities.get(member))
                && answer.getMergedMembers() == absorbedBy(member).size()) {
            return Optional.empty();
        }
        return Optional.of(eventId + ": answered " + answer.getStatus() + " " + listed + " " + answer.getMergedMembers()
                + " merged, expected " + status + " " + identities.get(member) + " " + absorbedBy(member).size());
    }

    /** An identity as one string, as GetMember's identities are compared. */
    static String key(Identity identity) {
        return switch (identity.getIdentityCase()) {
            case CARD_NUMBER -> "card:" + identity.getCardNumber();
            case ESHOP_CUSTOMER_ID -> "eshop:" + identity.getEshopCustomerId();
            case PHONE -> "phone:" + identity.getPhone();
            case EMAIL_HASH -> "email:" + identity.getEmailHash();
            default -> throw new IllegalArgumentException("no identity: " + identity);
        };
    }
}
