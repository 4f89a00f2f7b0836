package org.gridwatch.core.whatif;

import java.util.EnumMap;
import java.util.Map;
import org.gridwatch.core.event.CustomerClass;

/**
 * The response a scenario gets with {@code response: default}: per class, elasticities from
 * published trials (docs/whatif.md, "Defaults and their sources", says what each figure rests on
 * and how the defaults compare with the Irish CER trial on real households).
 *
 * <ul>
 *   <li>σ = 0.07: BC Hydro's residential time-varying pricing pilot (Woo et al., Applied Energy
 *       108, 2013, pp. 288–297) estimated the elasticity of substitution without load control at
 *       "less than 0.07"; its upper end is taken, for every class that can move load, as no study
 *       of Chinese industry and commerce was at hand (a planner with one sets it in the file);
 *   <li>ε = −0.1: a daily own-price elasticity at the inelastic end of the short-run residential
 *       estimates surveyed by Espey and Espey (Journal of Agricultural and Applied Economics 36(1),
 *       2004), a day's response being shorter-run than the annual studies';
 *   <li>non-residential lighting: none (street and public lighting follows the dark, not prices).
 * </ul>
 */
public final class ResponseDefaults {

    public static final double SUBSTITUTION = 0.07;
    public static final double OWN_PRICE = -0.1;

    private static final String SOURCE =
            "default: σ 0.07 (BC Hydro pilot, Woo et al. 2013), ε −0.1 (Espey & Espey 2004)";

    private ResponseDefaults() {}

    public static ResponseModel of(CustomerClass customerClass) {
        if (customerClass == CustomerClass.NON_RESIDENTIAL_LIGHTING) {
            return new ResponseModel(0, 0, "default: lighting does not respond");
        }
        return new ResponseModel(SUBSTITUTION, OWN_PRICE, SOURCE);
    }

    public static Map<CustomerClass, ResponseModel> all() {
        Map<CustomerClass, ResponseModel> all = new EnumMap<>(CustomerClass.class);
        for (CustomerClass c : CustomerClass.values()) {
            all.put(c, of(c));
        }
        return all;
    }
}
