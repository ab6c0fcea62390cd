package dev.accrue.engine.rules;

import dev.accrue.loyalty.v1.EarnRule;
import dev.accrue.loyalty.v1.Program;
import dev.accrue.loyalty.v1.Promotion;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every category, SKU, partner and store a program names, in order of first mention: the
 * numbering {@link EarnTables} gives each dimension's {@link StringIndex}.
 */
final class ProgramNames {
    private ProgramNames() {
    }

    static List<String> categories(Program p) {
        return collect(p, r -> concat(r.getCategoryMultiplier().getCategoriesList(), r.getCategoryBonus().getCategoriesList(),
                r.getExcludedCategories().getCategoriesList()), promotion -> promotion.getScope().getCategoriesList());
    }

    static List<String> skus(Program p) {
        return collect(p, r -> concat(r.getSkuMultiplier().getSkusList(), r.getSkuBonus().getSkusList()),
                promotion -> promotion.getScope().getSkusList());
    }

    static List<String> partners(Program p) {
        return collect(p, r -> r.getPartnerMultiplier().getPartnerIdsList(), promotion -> promotion.getScope().getPartnerIdsList());
    }

    static List<String> stores(Program p) {
        return collect(p, r -> r.getPartnerMultiplier().getStoreIdsList(), promotion -> promotion.getScope().getStoreIdsList());
    }

    private static List<String> collect(Program p, Function<EarnRule, List<String>> ofRule,
                                        Function<Promotion, List<String>> ofPromotion) {
        Set<String> names = new LinkedHashSet<>();
        p.getEarnRulesList().forEach(rule -> names.addAll(ofRule.apply(rule)));
        p.getPromotionsList().forEach(promotion -> names.addAll(ofPromotion.apply(promotion)));
        return new ArrayList<>(names);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
