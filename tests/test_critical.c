/*
 * test_critical.c: critical_find against known critical points of every
 * built-in landscape, with their kinds, values and f'' or Hessian
 * eigenvalues. The numbers come from tests/critical_reference.py (sympy
 * derivatives, mpmath roots at 40 digits, independent of landscape.c) and
 * agree with the literature: d2l.ai 12.1 (risk, empirical risk), Himmelblau
 * (1972), Rosenbrock (1960), Beale (1958), six-hump camel (Dixon and Szego
 * 1978). Also: custom boxes, eigen2, bad boxes.
 */
#include "core/critical.h"

#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#define MAX_EXPECT 16
#define NO_VALUE NAN

typedef struct expect_point {
    double x, y, f;
    double l1, l2; /* 1D: l1 = f''; NAN: not checked */
    critical_kind kind;
} expect_point;

typedef struct expect_set {
    const char *name;
    int count;
    expect_point p[MAX_EXPECT];
} expect_set;

#define GMIN CRITICAL_GLOBAL_MIN
#define LMIN CRITICAL_LOCAL_MIN
#define GMAX CRITICAL_GLOBAL_MAX
#define LMAX CRITICAL_LOCAL_MAX
#define SADDLE CRITICAL_SADDLE
#define DEGEN CRITICAL_DEGENERATE

/* Every landscape of the catalog, on its own domain, sorted by x then y. */
static const expect_set known[] = {
    {"empirical-risk", 5, {
        {0.65163665206175661, 0, -0.43655755559717901, 31.351409095, NO_VALUE, LMIN},
        {0.74538693399045902, 0, -0.38856305927727008, -31.6572353973, NO_VALUE, LMAX},
        {1.0169834031079085, 0, -1.2084614338727624, 57.9604143097, NO_VALUE, GMIN},
        {1.2435211908037006, 0, -0.74195891535844968, -25.0540753868, NO_VALUE, LMAX},
        {1.3208019867362605, 0, -0.76910374664679488, 28.1100993812, NO_VALUE, LMIN},
    }},
    /* f(-1) = 1 and f(2) = 2 on the edge: the maximum inside is local */
    {"risk", 3, {
        {-0.27385268680085091, 0, -0.17860251154773327, 6.52576863538, NO_VALUE, LMIN},
        {0.27385268680085091, 0, 0.17860251154773327, -6.52576863538, NO_VALUE, LMAX},
        {1.0904082219467212, 0, -1.0467211246605712, 12.0914128189, NO_VALUE, GMIN},
    }},
    {"cubic", 1, {{0, 0, 0, 0, NO_VALUE, DEGEN}}},
    {"saddle", 1, {{0, 0, 0, -2, 2, SADDLE}}},
    {.name = "tanh", .count = 0}, /* a plateau, no critical point */
    {"quadratic", 1, {{0, 0, 0, 2, NO_VALUE, GMIN}}},
    {"cosh", 1, {{0, 0, 1, 0.25, NO_VALUE, GMIN}}},
    /* f(-15) = -10.61 and f(15) = 10.61: the outer extrema are global */
    {"nonconvex", 6, {
        {-13.660371004955636, 0, -13.498469611298049, 3.14222617307, NO_VALUE, GMIN},
        {-7.2693881463114748, 0, 6.9781408310704743, -1.81371192284, NO_VALUE, LMAX},
        {-1.8256845786723394, 0, -1.1906834103182218, 0.978865295307, NO_VALUE, LMIN},
        {1.8256845786723394, 0, 1.1906834103182218, -0.978865295307, NO_VALUE, LMAX},
        {7.2693881463114748, 0, -6.9781408310704743, 1.81371192284, NO_VALUE, LMIN},
        {13.660371004955636, 0, 13.498469611298049, -3.14222617307, NO_VALUE, GMAX},
    }},
    {"elliptic", 1, {{0, 0, 0, 2, 4, GMIN}}},
    {"ill-conditioned", 1, {{0, 0, 0, 0.2, 4, GMIN}}},
    {"monkey-saddle", 1, {{0, 0, 0, 0, 0, DEGEN}}},
    {"rosenbrock", 1, {{1, 1, 0, 0.3993607675, 1001.600639, GMIN}}},
    /* four global minima (f = 0), one local maximum (181.6 < 890 on the edge),
     * four saddles */
    {"himmelblau", 9, {
        {-3.77931025338, -3.28318599129, 0, 70.71435474, 133.7856152, GMIN},
        {-3.07302575076, -0.081353044288, 104.015162918, -39.65149626, 72.43524807, SADDLE},
        {-2.80511808695, 3.13131251825, 0, 64.84037277, 80.55007178, GMIN},
        {-0.270844590667, -0.92303855648, 181.616521523, -45.60522929, -16.06601967, LMAX},
        {-0.127961346731, -1.95371498024, 178.337239202, -50.61023932, 20.28404998, SADDLE},
        {0.0866775045554, 2.88425470117, 67.7191500875, -31.70662236, 75.50760924, SADDLE},
        {3, 2, 0, 25.71572875, 82.28427125, GMIN},
        {3.38515418361, 0.0738518798377, 13.3119262704, -14.13517849, 97.5478781, SADDLE},
        {3.58442834033, -1.84812652696, 0, 28.69067716, 105.4189083, GMIN},
    }},
    {"beale", 3, {
        {0, 1, 14.203125, -27.75, 27.75, SADDLE},
        {0.100537937324, -2.64451358502, 9.86451228476, -0.7810271727, 867.7521793, SADDLE},
        {3, 0.5, 0, 0.3014636465, 48.97978635, GMIN},
    }},
    /* six minima (two global), two maxima, seven saddles */
    {"six-hump-camel", 15, {
        {-1.70360671497, 0.796083568673, -0.215463824384, 18.81713864, 22.69751501, LMIN},
        {-1.63806798419, -0.228674069044, 2.22935719753, -5.545775017, 12.43666444, SADDLE},
        {-1.60710475292, -0.568651454884, 2.10425031031, 7.12151212, 10.02160252, LMIN},
        {-1.29607026717, -0.605084388039, 2.22947081803, -6.177182127, 9.637588488, SADDLE},
        {-1.23022987652, -0.162334584459, 2.49629535102, -8.014907157, -5.953724167, LMAX},
        {-1.1092053368, 0.76826809251, 0.543718600978, -7.90261912, 20.36673974, SADDLE},
        {-0.0898420131003, 0.712656403021, -1.03162845349, 7.682251413, 16.49319523, GMIN},
        {0, 0, 0, -8.062257748, 8.062257748, SADDLE},
        {0.0898420131003, -0.712656403021, -1.03162845349, 7.682251413, 16.49319523, GMIN},
        {1.1092053368, -0.76826809251, 0.543718600978, -7.90261912, 20.36673974, SADDLE},
        {1.23022987652, 0.162334584459, 2.49629535102, -8.014907157, -5.953724167, LMAX},
        {1.29607026717, 0.605084388039, 2.22947081803, -6.177182127, 9.637588488, SADDLE},
        {1.60710475292, 0.568651454884, 2.10425031031, 7.12151212, 10.02160252, LMIN},
        {1.63806798419, 0.228674069044, 2.22935719753, -5.545775017, 12.43666444, SADDLE},
        {1.70360671497, -0.796083568673, -0.215463824384, 18.81713864, 22.69751501, LMIN},
    }},
    {"two-basin", 3, {
        {-1.26696314024, -0.452248571615, -0.800750274621, 2.041947414, 2.163349889, LMIN},
        {-0.266143319761, -0.0395831641246, -0.371242583549, -1.966913192, 0.9564882576, SADDLE},
        {1.14202548544, 0.571060152712, -1.82908323044, 4.135733541, 4.184189961, GMIN},
    }},
};

static void check_close(double got, double want, double tol, const char *what, const char *name,
                        int i)
{
    if (!(fabs(got - want) <= tol)) {
        print_error("%s point %d: %s = %.17g, expected %.17g (tol %g)\n", name, i, what, got,
                    want, tol);
        fail();
    }
}

/* The set equals the expected one: same count and order, each point's
 * position, value (1e-9 relative) and f'' or eigenvalues (given to 10 or
 * 12 digits: 1e-8 relative) as in the table, and the same kind. */
static void check_set(const critical_set *s, const expect_set *e, bool two)
{
    if (s->count != e->count) {
        print_error("%s: %d critical points, expected %d\n", e->name, s->count, e->count);
        for (int i = 0; i < s->count; i++)
            print_error("  %.17g %.17g %s\n", s->points[i].x, s->points[i].y,
                        critical_kind_name(s->points[i].kind));
        fail();
    }
    for (int i = 0; i < e->count; i++) {
        const critical_point *c = &s->points[i];
        const expect_point *w = &e->p[i];
        /* 1D positions to a few ulp of the 17-digit table, 2D ones to the
         * table's 12 digits */
        const double xtol = two ? 2e-11 : 4.0 * DBL_EPSILON;
        check_close(c->x, w->x, xtol * fmax(1.0, fabs(w->x)), "x", e->name, i);
        check_close(c->y, w->y, xtol * fmax(1.0, fabs(w->y)), "y", e->name, i);
        check_close(c->f, w->f, 1e-9 * fmax(1.0, fabs(w->f)), "f", e->name, i);
        check_close(c->lambda1, w->l1, 1e-8 * fmax(1.0, fabs(w->l1)), "lambda1", e->name, i);
        if (two)
            check_close(c->lambda2, w->l2, 1e-8 * fmax(1.0, fabs(w->l2)), "lambda2", e->name, i);
        else
            assert_true(c->d2f == c->lambda1 && c->lambda1 == c->lambda2 && c->y == 0.0);
        if (c->kind != w->kind) {
            print_error("%s point %d (%g, %g): kind %s, expected %s\n", e->name, i, c->x, c->y,
                        critical_kind_name(c->kind), critical_kind_name(w->kind));
            fail();
        }
        if (i > 0)
            assert_true(c[-1].x < c->x || (c[-1].x == c->x && c[-1].y < c->y));
    }
}

static void test_every_landscape(void **state)
{
    (void)state;
    const int n_known = (int)(sizeof known / sizeof known[0]);
    /* every catalog entry has its expectations: a new landscape needs some */
    assert_int_equal(n_known, landscape_count());
    for (int i = 0; i < landscape_count(); i++) {
        const landscape *l = landscape_at(i);
        const expect_set *e = NULL;
        for (int k = 0; k < n_known && !e; k++)
            if (strcmp(known[k].name, l->name) == 0)
                e = &known[k];
        if (!e) {
            print_error("no expected critical points for '%s'\n", l->name);
            fail();
        }
        critical_set s;
        assert_true(critical_find(&s, l, NULL));
        check_set(&s, e, l->dim == 2);
        critical_free(&s);
    }
}

/* Exactly (0, 0) for the symmetric cases Newton lands on in one step; the
 * degenerate ones converge linearly, to within 1e-15. */
static void test_exact_points(void **state)
{
    (void)state;
    critical_set s;
    assert_true(critical_find(&s, landscape_find("saddle"), NULL));
    assert_true(s.count == 1 && s.points[0].x == 0.0 && s.points[0].y == 0.0);
    assert_true(s.points[0].lambda1 == -2.0 && s.points[0].lambda2 == 2.0);
    critical_free(&s);
    assert_true(critical_find(&s, landscape_find("cubic"), NULL));
    assert_true(s.count == 1 && s.points[0].x == 0.0 && s.points[0].d2f == 0.0);
    critical_free(&s);
    assert_true(critical_find(&s, landscape_find("monkey-saddle"), NULL));
    assert_int_equal(s.count, 1);
    assert_true(fabs(s.points[0].x) < 1e-15 && fabs(s.points[0].y) < 1e-15);
    assert_int_equal(s.points[0].kind, CRITICAL_DEGENERATE);
    critical_free(&s);
}

static void test_custom_boxes(void **state)
{
    (void)state;
    critical_set s;
    /* risk on [-3, 3]: f(3) = -3 and f(-3) = 3 on the edge beat every
     * critical value, so all six extrema are local */
    const critical_params wide = {.lo = {-3.0}, .hi = {3.0}};
    assert_true(critical_find(&s, landscape_find("risk"), &wide));
    assert_int_equal(s.count, 6);
    for (int i = 0; i < 6; i++)
        assert_int_equal(s.points[i].kind, i % 2 == 0 ? CRITICAL_LOCAL_MIN : CRITICAL_LOCAL_MAX);
    assert_float_equal(s.points[0].x, -2.0490556507433464, 1e-12);
    assert_float_equal(s.points[4].x, 1.0904082219467212, 1e-12);
    critical_free(&s);

    /* x^3 on [-1.3, 2]: 0 is no grid node and f' does not change sign
     * there; the touch search still finds it */
    const critical_params off = {.lo = {-1.3}, .hi = {2.0}};
    assert_true(critical_find(&s, landscape_find("cubic"), &off));
    assert_int_equal(s.count, 1);
    assert_true(fabs(s.points[0].x) < 1e-15);
    assert_int_equal(s.points[0].kind, CRITICAL_DEGENERATE);
    critical_free(&s);

    /* a critical point on the box's corner belongs to the closed box */
    const critical_params corner = {.lo = {0.0, 0.0}, .hi = {1.0, 1.0}};
    assert_true(critical_find(&s, landscape_find("saddle"), &corner));
    assert_int_equal(s.count, 1);
    critical_free(&s);

    /* Himmelblau on [0, 5]^2: one minimum, two saddles */
    const critical_params quarter = {.lo = {0.0, 0.0}, .hi = {5.0, 5.0}};
    assert_true(critical_find(&s, landscape_find("himmelblau"), &quarter));
    assert_int_equal(s.count, 3);
    assert_int_equal(s.points[1].kind, CRITICAL_GLOBAL_MIN);
    assert_true(s.points[1].x == 3.0 && s.points[1].y == 2.0);
    critical_free(&s);

    /* quadratic on [1, 2]: none; Rosenbrock on a wide box: still (1, 1), a
     * minimum (its small eigenvalue 0.4 is not called zero) */
    const critical_params right = {.lo = {1.0}, .hi = {2.0}};
    assert_true(critical_find(&s, landscape_find("quadratic"), &right));
    assert_int_equal(s.count, 0);
    critical_free(&s);
    const critical_params big = {.lo = {-100.0, -100.0}, .hi = {100.0, 100.0}};
    assert_true(critical_find(&s, landscape_find("rosenbrock"), &big));
    assert_int_equal(s.count, 1);
    assert_int_equal(s.points[0].kind, CRITICAL_GLOBAL_MIN);
    critical_free(&s);

    /* a box with lo >= hi is refused */
    const critical_params bad = {.lo = {1.0, 0.0}, .hi = {1.0, 1.0}};
    assert_false(critical_find(&s, landscape_find("saddle"), &bad));
    assert_int_equal(s.count, 0);
    assert_null(s.points);
}

static void test_eigen2(void **state)
{
    (void)state;
    double lam[2], vec[2][2];
    critical_eigen2(2.0, 1.0, 2.0, lam, vec); /* eigenvalues 1 and 3 */
    assert_float_equal(lam[0], 1.0, 1e-15);
    assert_float_equal(lam[1], 3.0, 1e-15);
    assert_float_equal(fabs(vec[0][0]), sqrt(0.5), 1e-15);
    assert_float_equal(vec[0][0], -vec[0][1], 1e-15);
    assert_float_equal(vec[1][0], vec[1][1], 1e-15);
    critical_eigen2(2.0, 0.0, -2.0, lam, vec); /* the saddle's Hessian */
    assert_true(lam[0] == -2.0 && lam[1] == 2.0);
    assert_true(fabs(vec[0][1]) == 1.0 && vec[0][0] == 0.0);
    assert_true(fabs(vec[1][0]) == 1.0 && vec[1][1] == 0.0);
    critical_eigen2(5.0, 0.0, 5.0, lam, vec); /* a multiple of the identity */
    assert_true(lam[0] == 5.0 && lam[1] == 5.0);
    assert_true(vec[0][0] == 1.0 && vec[1][1] == 1.0);
    /* ill-conditioned: the small eigenvalue keeps its relative precision
     * ([[1, 1], [1, 1 + 1e-12]] has eigenvalues ~5e-13 and ~2) */
    critical_eigen2(1.0, 1.0, 1.0 + 1e-12, lam, NULL);
    assert_float_equal(lam[0] / (1e-12 / 2.0), 1.0, 1e-3);
    assert_true(strcmp(critical_kind_name(CRITICAL_DEGENERATE), "degenerate") == 0);
    assert_true(strcmp(critical_kind_name(CRITICAL_GLOBAL_MIN), "global-min") == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_landscape),
        cmocka_unit_test(test_exact_points),
        cmocka_unit_test(test_custom_boxes),
        cmocka_unit_test(test_eigen2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
