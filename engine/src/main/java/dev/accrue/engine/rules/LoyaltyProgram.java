package dev.accrue.engine.rules;

import java.util.Objects;

/** The rules a program runs on. Grows with tiers, promotions and expiry; today: its base earn rule. */
public record LoyaltyProgram(String name, BaseEarnRule baseEarn) {
    public LoyaltyProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseEarn, "baseEarn");
        if (baseEarn.rates().isEmpty()) {
            throw new IllegalArgumentException("a program must accept at least one currency");
        }
    }
}
