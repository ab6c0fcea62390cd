package dev.accrue.engine.grpc;

import dev.accrue.engine.domain.ResultCode;
import dev.accrue.loyalty.v1.Outcome;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.server.StatusException;

/** How engine results become gRPC statuses and batch outcomes. */
final class Statuses {
    static final String RING_FULL_MESSAGE = "the engine is saturated; retry later with the same event_id";

    private Statuses() {
    }

    static GrpcStatus status(ResultCode code) {
        return switch (code) {
            case OK -> GrpcStatus.OK;
            case MEMBER_NOT_FOUND, PURCHASE_NOT_FOUND -> GrpcStatus.NOT_FOUND;
            case RETURN_EXCEEDS_PURCHASE, INSUFFICIENT_POINTS, HOLD_LIMIT_REACHED, HOLD_CLOSED, CAPTURE_EXCEEDS_HOLD ->
                    GrpcStatus.FAILED_PRECONDITION;
            case HOLD_NOT_FOUND -> GrpcStatus.NOT_FOUND;
            case RETURN_LINE_UNKNOWN, TIER_UNKNOWN -> GrpcStatus.INVALID_ARGUMENT;
            case PURCHASE_CAPACITY_REACHED -> GrpcStatus.RESOURCE_EXHAUSTED;
            case IDENTITY_ALREADY_LINKED, EVENT_ID_REUSED -> GrpcStatus.ALREADY_EXISTS;
            case CURRENCY_NOT_ACCEPTED -> GrpcStatus.INVALID_ARGUMENT;
            case MEMBER_CAPACITY_REACHED, EVENT_ID_CAPACITY_REACHED -> GrpcStatus.RESOURCE_EXHAUSTED;
            case BALANCE_OVERFLOW, LOT_CAPACITY_REACHED, PROGRAM_EFFECTIVE_TOO_EARLY -> GrpcStatus.FAILED_PRECONDITION;
            case NO_PROGRAM -> GrpcStatus.UNAVAILABLE;
            case JOURNAL_UNAVAILABLE -> GrpcStatus.UNAVAILABLE;
            case MEMBER_SUSPENDED, MEMBER_CLOSED, IDENTITY_LIMIT_REACHED, MERGE_SAME_MEMBER, MERGE_LIMIT_REACHED,
                 WALLET_LIMIT_REACHED -> GrpcStatus.FAILED_PRECONDITION;
            case IDENTITY_NOT_LINKED, MERGED_MEMBER_NOT_FOUND -> GrpcStatus.NOT_FOUND;
            case WALLET_UNKNOWN, PAGE_TOKEN_INVALID -> GrpcStatus.INVALID_ARGUMENT;
            case ENGINE_FAULT -> GrpcStatus.INTERNAL;
        };
    }

    static Outcome outcome(ResultCode code) {
        return switch (code) {
            case OK -> Outcome.OUTCOME_OK;
            case MEMBER_NOT_FOUND, PURCHASE_NOT_FOUND -> Outcome.OUTCOME_NOT_FOUND;
            case RETURN_EXCEEDS_PURCHASE, INSUFFICIENT_POINTS, HOLD_LIMIT_REACHED, HOLD_CLOSED, CAPTURE_EXCEEDS_HOLD ->
                    Outcome.OUTCOME_FAILED_PRECONDITION;
            case HOLD_NOT_FOUND -> Outcome.OUTCOME_NOT_FOUND;
            case RETURN_LINE_UNKNOWN, TIER_UNKNOWN -> Outcome.OUTCOME_INVALID_ARGUMENT;
            case PURCHASE_CAPACITY_REACHED -> Outcome.OUTCOME_RESOURCE_EXHAUSTED;
            case IDENTITY_ALREADY_LINKED, EVENT_ID_REUSED -> Outcome.OUTCOME_ALREADY_EXISTS;
            case CURRENCY_NOT_ACCEPTED -> Outcome.OUTCOME_INVALID_ARGUMENT;
            case MEMBER_CAPACITY_REACHED, EVENT_ID_CAPACITY_REACHED -> Outcome.OUTCOME_RESOURCE_EXHAUSTED;
            case BALANCE_OVERFLOW, LOT_CAPACITY_REACHED, PROGRAM_EFFECTIVE_TOO_EARLY -> Outcome.OUTCOME_FAILED_PRECONDITION;
            case NO_PROGRAM -> Outcome.OUTCOME_UNAVAILABLE;
            case JOURNAL_UNAVAILABLE -> Outcome.OUTCOME_UNAVAILABLE;
            case MEMBER_SUSPENDED, MEMBER_CLOSED, IDENTITY_LIMIT_REACHED, MERGE_SAME_MEMBER, MERGE_LIMIT_REACHED,
                 WALLET_LIMIT_REACHED -> Outcome.OUTCOME_FAILED_PRECONDITION;
            case IDENTITY_NOT_LINKED, MERGED_MEMBER_NOT_FOUND -> Outcome.OUTCOME_NOT_FOUND;
            case WALLET_UNKNOWN, PAGE_TOKEN_INVALID -> Outcome.OUTCOME_INVALID_ARGUMENT;
            case ENGINE_FAULT -> Outcome.OUTCOME_INTERNAL;
        };
    }

    static String message(ResultCode code) {
        return switch (code) {
            case OK -> "";
            case MEMBER_NOT_FOUND -> "member not found";
            case PURCHASE_NOT_FOUND -> "purchase_event_id names no purchase the engine keeps";
            case RETURN_EXCEEDS_PURCHASE -> "the return gives back more units than the purchase has left to return";
            case RETURN_LINE_UNKNOWN -> "lines[].line names a line the purchase does not have";
            case TIER_UNKNOWN -> "tier is not a tier of the program in force";
            case INSUFFICIENT_POINTS -> "the member has fewer available points than points asks for";
            case HOLD_LIMIT_REACHED -> "the member already has " + dev.accrue.engine.domain.MemberRecord.MAX_HOLDS
                    + " open holds; capture or void one first";
            case HOLD_NOT_FOUND -> "hold_id names no hold of this member";
            case HOLD_CLOSED -> "the hold was already captured, voided or expired";
            case CAPTURE_EXCEEDS_HOLD -> "points is more than the hold holds";
            case PURCHASE_CAPACITY_REACHED -> "the index of returnable purchases is full; raise returns.capacity";
            case IDENTITY_ALREADY_LINKED -> "an identity in the request already belongs to another member";
            case EVENT_ID_REUSED -> "event_id was already used for a different command; a retry must repeat it exactly";
            case CURRENCY_NOT_ACCEPTED -> "currency is not accepted by the program";
            case MEMBER_CAPACITY_REACHED -> "the engine's member capacity is reached; raise members.capacity";
            case EVENT_ID_CAPACITY_REACHED ->
                    "the idempotency table is full; raise idempotency.capacity or shorten idempotency.retention-days";
            case BALANCE_OVERFLOW -> "the member's points would overflow";
            case LOT_CAPACITY_REACHED -> "the member holds as many point lots as a record keeps ("
                    + dev.accrue.engine.domain.MemberRecord.MAX_LOTS + "); spend or let some expire first";
            case PROGRAM_EFFECTIVE_TOO_EARLY -> "effective_from precedes the latest program version's effective time";
            case NO_PROGRAM -> "no loyalty program is loaded yet";
            case JOURNAL_UNAVAILABLE -> "the journal cannot make commands durable; the engine needs a restart";
            case MEMBER_SUSPENDED -> "the member is suspended and cannot spend points";
            case MEMBER_CLOSED -> "the member is closed";
            case IDENTITY_NOT_LINKED -> "identity is not linked to this member";
            case IDENTITY_LIMIT_REACHED -> "the member already has " + dev.accrue.engine.state.IdentityStore.MAX_PER_MEMBER
                    + " identities; unlink one first";
            case MERGE_SAME_MEMBER -> "survivor and merged name the same member";
            case MERGED_MEMBER_NOT_FOUND -> "merged names no member";
            case MERGE_LIMIT_REACHED -> "merged, the member would exceed a record's limits (lots, holds, wallets, "
                    + "identities or " + dev.accrue.engine.domain.MemberRecord.MAX_MERGES + " merged members)";
            case WALLET_UNKNOWN -> "wallet is not a wallet of the program in force";
            case WALLET_LIMIT_REACHED -> "the member already holds " + dev.accrue.engine.domain.MemberRecord.MAX_WALLETS
                    + " wallets";
            case PAGE_TOKEN_INVALID -> "page_token is not a token this API gave (for this member)";
            case ENGINE_FAULT -> "the engine failed to apply the command; it was logged";
        };
    }

    static StatusException exception(ResultCode code) {
        return new StatusException(status(code), message(code));
    }

    static StatusException invalid(String message) {
        return new StatusException(GrpcStatus.INVALID_ARGUMENT, message);
    }

    static StatusException ringFull() {
        return new StatusException(GrpcStatus.RESOURCE_EXHAUSTED, RING_FULL_MESSAGE);
    }
}
