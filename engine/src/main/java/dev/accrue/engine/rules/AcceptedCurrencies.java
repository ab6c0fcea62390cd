package dev.accrue.engine.rules;

/** The currencies a program takes purchases in, as the gRPC edge checks them before the ring. */
public interface AcceptedCurrencies {
    /** Whether some program version earns in the currency (a packed {@code CurrencyCode}). */
    boolean accepts(int packedCurrency);

    /** The accepted codes, for an error message. */
    String describe();
}
