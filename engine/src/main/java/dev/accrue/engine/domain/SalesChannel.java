package dev.accrue.engine.domain;

/** Where a purchase was made. Ordinals are stored; append only. */
public enum SalesChannel {
    POS,
    ESHOP
}
