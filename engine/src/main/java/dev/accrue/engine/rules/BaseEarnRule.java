package dev.accrue.engine.rules;

import dev.accrue.engine.domain.CurrencyCode;
import dev.accrue.engine.domain.IsoCurrencies;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The program's base earn rule: a rate per accepted currency, compiled into an array indexed by
 * packed currency code so that evaluation is one array read and no allocation.
 */
public final class BaseEarnRule implements AcceptedCurrencies {
    /** Returned by {@link #points} for a currency the program does not accept. */
    public static final long NOT_ACCEPTED = -1;

    private final EarnRate[] rateByCurrency = new EarnRate[CurrencyCode.CARDINALITY];
    private final Map<String, EarnRate> rates;

    public BaseEarnRule(Map<String, EarnRate> ratesByCurrency) {
        this.rates = Collections.unmodifiableMap(new TreeMap<>(ratesByCurrency));
        rates.forEach((code, rate) -> {
            int packed = CurrencyCode.pack(code);
            if (!IsoCurrencies.isKnown(packed)) {
                throw new IllegalArgumentException("not an ISO 4217 currency code: " + code);
            }
            rateByCurrency[packed] = rate;
        });
    }

    @Override
    public String describe() {
        return rates.keySet().toString();
    }

    @Override
    public boolean accepts(int packedCurrency) {
        return packedCurrency >= 0 && packedCurrency < CurrencyCode.CARDINALITY && rateByCurrency[packedCurrency] != null;
    }

    /** Points for a purchase of {@code totalMinor} (0 .. 1e14) in the currency, or {@link #NOT_ACCEPTED}. */
    public long points(int packedCurrency, long totalMinor) {
        return accepts(packedCurrency) ? rateByCurrency[packedCurrency].pointsFor(totalMinor) : NOT_ACCEPTED;
    }

    /** The configured rates, by currency code, in code order. */
    public Map<String, EarnRate> rates() {
        return rates;
    }
}
