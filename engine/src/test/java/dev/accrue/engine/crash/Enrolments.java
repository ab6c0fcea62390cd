package dev.accrue.engine.crash;

import com.google.protobuf.Timestamp;
import dev.accrue.loyalty.v1.EnrolRequest;
import dev.accrue.loyalty.v1.GetStateDigestRequest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The members a crash loop run enrols: the first ones before any kill, then those the workload
 * enrols (each joins the workload at the next cycle), and the check that every enrolment made exactly
 * one member, which its retry names again. Thread-safe: the event loops record answers.
 */
final class Enrolments {
    /** Members enrolled before the first cycle. */
    static final int FIRST = 20;

    private final ExpectedMembers members;
    /** The workload's enrolments acknowledged: member id by event id. */
    private final Map<String, Long> enrolled = new ConcurrentHashMap<>();

    Enrolments(ExpectedMembers members) {
        this.members = members;
    }

    void enrolFirst(EngineClients clients, LedgerAudit.Caller caller) throws Exception {
        for (int i = 0; i < FIRST; i++) {
            members.enrolled(caller.call(clients.members().enrol(request("enrol-" + i, "CARD-" + i))).getMemberId(),
                    "CARD-" + i);
        }
    }

    /** The workload's enrolment of its {@code n}th command. */
    static EnrolRequest workload(int n) {
        return request("crash-enrol-" + n, "CRASH-CARD-" + n);
    }

    void acknowledged(String eventId, long memberId) {
        enrolled.put(eventId, memberId);
    }

    /** The members enrolled so far join the workload (again, for those that joined before). */
    void joinWorkload() {
        enrolled.forEach((eventId, member) -> members.enrolled(member, card(eventId)));
    }

    /**
     * Once every enrolment sent is answered: each made exactly one member, and its retry names that
     * same member.
     */
    void assertEachMadeOneMember(EngineClients clients, LedgerAudit.Caller caller, long seed) throws Exception {
        assertEquals(FIRST + enrolled.size(), caller.call(clients.diagnostics().getStateDigest(
                GetStateDigestRequest.getDefaultInstance())).getMembers(), "one member per enrolment, seed " + seed);
        for (Map.Entry<String, Long> enrolment : enrolled.entrySet()) {
            assertEquals(enrolment.getValue(), caller.call(clients.members().enrol(request(enrolment.getKey(),
                    card(enrolment.getKey())))).getMemberId(), "retry of " + enrolment.getKey() + " seed " + seed);
        }
    }

    private static String card(String eventId) {
        return "CRASH-CARD-" + eventId.substring("crash-enrol-".length());
    }

    private static EnrolRequest request(String eventId, String card) {
        return EnrolRequest.newBuilder().setEventId(eventId).setCardNumber(card)
                .setEnrolledAt(Timestamp.newBuilder().setSeconds(ProgramChanges.T0 / 1000)).build();
    }
}
