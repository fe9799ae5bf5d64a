/*
 * near.h: assert_near, a double-precision tolerance check for cmocka tests
 * (cmocka's assert_float_equal compares in float, so a tolerance below
 * about 1e-7 relative means nothing there). Include after <cmocka.h>.
 */
#ifndef OPTIVIZ_TESTS_NEAR_H
#define OPTIVIZ_TESTS_NEAR_H

#include <math.h>

#define assert_near(a, b, tol)                                                                    \
    do {                                                                                          \
        const double near_a_ = (a), near_b_ = (b), near_t_ = (tol);                               \
        if (!(fabs(near_a_ - near_b_) <= near_t_))                                                \
            fail_msg("%s = %.17g, want %s = %.17g within %g", #a, near_a_, #b, near_b_,          \
                     near_t_);                                                                    \
    } while (0)

#endif
