/*
 * test_schedule.c: learning-rate schedules (d2l 12.11) at known steps.
 */
#include "core/schedule.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

static const double PI = 3.14159265358979323846;

static void test_schedules(void **state)
{
    (void)state;
    char err[128];
    schedule c = {0};
    assert_true(schedule_check(&c, err, sizeof err));
    assert_true(schedule_lr(&c, 0.3, 1000) == 0.3);

    schedule f = {.kind = SCHEDULE_FACTOR, .factor = 0.9, .floor = 1e-2};
    assert_true(schedule_check(&f, err, sizeof err));
    assert_float_equal(schedule_lr(&f, 0.1, 0), 0.1, 1e-17);
    assert_float_equal(schedule_lr(&f, 0.1, 2), 0.081, 1e-15);
    assert_float_equal(schedule_lr(&f, 0.1, 1000), 1e-2, 0); /* the floor */

    schedule m = {.kind = SCHEDULE_MULTISTEP, .gamma = 0.5, .n_milestones = 2,
                  .milestones = {15, 30}};
    assert_true(schedule_check(&m, err, sizeof err));
    assert_float_equal(schedule_lr(&m, 0.5, 14), 0.5, 0);
    assert_float_equal(schedule_lr(&m, 0.5, 15), 0.25, 0);
    assert_float_equal(schedule_lr(&m, 0.5, 30), 0.125, 0);

    /* d2l CosineScheduler(max_update=20, base_lr=0.3, final_lr=0.01, warmup_steps=5) */
    schedule k = {.kind = SCHEDULE_COSINE, .warmup = 5, .final_lr = 0.01, .max_steps = 20};
    assert_true(schedule_check(&k, err, sizeof err));
    assert_float_equal(schedule_lr(&k, 0.3, 0), 0.0, 0);
    assert_float_equal(schedule_lr(&k, 0.3, 1), 0.06, 1e-15);
    assert_float_equal(schedule_lr(&k, 0.3, 5), 0.3, 1e-15);
    assert_float_equal(schedule_lr(&k, 0.3, 20), 0.01, 1e-15);
    assert_float_equal(schedule_lr(&k, 0.3, 12), 0.01 + 0.29 * (1 + cos(PI * 7 / 15)) / 2,
                       1e-15);
    assert_float_equal(schedule_lr(&k, 0.3, 99), 0.01, 0);

    schedule s = {.kind = SCHEDULE_SQRT};
    assert_true(schedule_check(&s, err, sizeof err));
    assert_float_equal(schedule_lr(&s, 0.1, 3), 0.05, 1e-17);

    schedule bad = {.kind = SCHEDULE_COSINE, .warmup = 30, .max_steps = 20};
    assert_false(schedule_check(&bad, err, sizeof err));
    schedule bad_factor = {.kind = SCHEDULE_FACTOR, .factor = 1.5};
    assert_false(schedule_check(&bad_factor, err, sizeof err));
    schedule bad_milestones = {.kind = SCHEDULE_MULTISTEP, .n_milestones = 2,
                               .milestones = {30, 15}};
    assert_false(schedule_check(&bad_milestones, err, sizeof err));
    schedule_kind kind;
    assert_true(schedule_kind_find("cosine", &kind) && kind == SCHEDULE_COSINE);
    assert_false(schedule_kind_find("step", &kind));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
