package dev.accrue.engine.pipeline;

import dev.accrue.engine.domain.IdentityKind;

import java.util.List;

/** A member as one view, for GetMember: read by the business-logic thread, turned into a message by the reply stage. */
public record MemberView(long enrolledAtMillis, int birthday, int mergedMembers, List<Identity> identities) {
    public record Identity(IdentityKind kind, String value) {
    }
}
