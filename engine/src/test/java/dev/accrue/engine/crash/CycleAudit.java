package dev.accrue.engine.crash;

import dev.accrue.loyalty.v1.ProgramVersionSummary;

import java.util.List;
import java.util.Random;

/**
 * What a cycle checks once the engine is back and every command in doubt is answered: retries of
 * acknowledged commands answer as the first time ({@link RetryAudit}, admin commands by
 * {@link AdminCommands}), the audit log and members match
 * {@link ExpectedMembers} ({@link MemberAudit}), no admin answer surprised the models, and receipts,
 * balances, histories and program versions match the {@link ExpectedLedger} ({@link LedgerAudit}).
 */
final class CycleAudit {
    private final LedgerAudit.Caller caller;
    private final long seed;
    private final ExpectedLedger ledger;
    private final ExpectedMembers members;
    private final AdminCommands adminCommands;
    private final ProgramChanges programs;
    private final LedgerAudit ledgerAudit;
    private final MemberAudit memberAudit;
    /** The program versions the last audit listed, which every later listing must begin with. */
    private List<ProgramVersionSummary> versions = List.of();

    CycleAudit(LedgerAudit.Caller caller, long seed, ExpectedLedger ledger, ExpectedMembers members,
               AdminCommands adminCommands, ProgramChanges programs) {
        this.caller = caller;
        this.seed = seed;
        this.ledger = ledger;
        this.members = members;
        this.adminCommands = adminCommands;
        this.programs = programs;
        this.ledgerAudit = new LedgerAudit(caller, seed);
        this.memberAudit = new MemberAudit(caller, seed);
    }

    /** Every check, in an order where each finds what it needs (the history audit, the audit log's sequences). */
    void afterRestart(EngineClients clients, Random random, int cycle) throws Exception {
        RetryAudit retries = new RetryAudit(caller, ledger, seed);
        retries.sample(clients.purchases(), clients.redemptions(), clients.admin(), random);
        adminCommands.retriesAnswerAsFirst(random, 20, seed);
        retries.closedHoldsStayClosed(clients.redemptions(), members, random, cycle);
        memberAudit.auditLog(clients.admin(), members);
        adminCommands.assertNoSurprises(seed);
        ledgerAudit.receipts(ledger, members, programs::versionOfRate);
        ledgerAudit.balances(clients.members(), members.live(), ledger);
        ledgerAudit.histories(clients.members(), members, ledger);
        memberAudit.members(clients.members(), members);
        versions = ledgerAudit.programVersions(clients.programs(), programs.applied(), versions);
    }

    /** Program versions listed at the last audit. */
    int versionsListed() {
        return versions.size();
    }
}
