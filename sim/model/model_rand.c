/* model_rand: keyed per-family draws and small distribution helpers (model_rand.h).
 *
 * A keyed draw (model_key_u, inline in model_rand.h: it is on every decision's path) is a
 * fixed hash of (family key, purpose, k, j). */
#include "model_rand.h"
#include "model_state.h"

#include <math.h>

/* The standard normal quantile by Wichura's algorithm AS 241 (Applied Statistics 37, 1988): a
 * rational function of degree 7 in each of three ranges. It is the algorithm behind GSL's
 * gsl_cdf_ugaussian_Pinv, which this replaces for speed (GSL rebuilds its coefficient arrays on
 * every call: a third of a keyed draw's cost). Evaluated in the same order, and with GSL's value of
 * the last denominator coefficient of the central range (5226.495278852854561; the paper has
 * ...852545925), it gives the same bits for every u in (0, 1), so results did not change
 * (tests/model/test_model_rand.c compares the two). */
static double poly7(const double c[8], double x)
{
    return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0];
}

static const double central_a[8] = {3.387132872796366608, 133.14166789178437745,
    1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
    33430.575583588128105, 2509.0809287301226727};
static const double central_b[8] = {1.0, 42.313330701600911252, 687.1870074920579083,
    5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
    5226.495278852854561};
static const double middle_a[8] = {1.42343711074968357734, 4.6303378461565452959,
    5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
    0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4};
static const double middle_b[8] = {1.0, 2.05319162663775882187, 1.6763848301838038494,
    0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966,
    5.475938084995344946e-4, 1.05075007164441684324e-9};
static const double tail_a[8] = {6.6579046435011037772, 5.4637849111641143699,
    1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
    0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
static const double tail_b[8] = {1.0, 0.59983220655588793769, 0.13692988092273580531,
    0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5,
    1.4215117583164458887e-7, 2.04426310338993978564e-15};

double model_normal_quantile(double u)
{
    double q = u - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q * (poly7(central_a, r) / poly7(central_b, r));
    }
    double r = sqrt(-log(u < 0.5 ? u : 1.0 - u)), x;
    if (r <= 5.0)
        x = poly7(middle_a, r - 1.6) / poly7(middle_b, r - 1.6);
    else
        x = poly7(tail_a, r - 5.0) / poly7(tail_b, r - 5.0);
    return u < 0.5 ? -x : x;
}

model_lognormal_shape model_lognormal_shape_of(double cv)
{
    double s2 = cv > 0 ? log1p(cv * cv) : 0;
    return (model_lognormal_shape){cv, sqrt(s2), 0.5 * s2};
}

double model_lognormal_of(double mean, const model_lognormal_shape *s, double z)
{
    if (s->cv <= 0)
        return mean;
    return mean * exp(s->sigma * z - s->half_var);
}

double model_lognormal(double mean, double cv, double z)
{
    model_lognormal_shape s = model_lognormal_shape_of(cv);
    return model_lognormal_of(mean, &s, z);
}

double model_exp_u(double mean, double u)
{
    return -mean * log(u);
}
