/* tito_grade_book: CSV rows and quoting, totals, JSON shape, which
 * statuses mean "not graded". */
#include <criterion/criterion.h>
#include <string.h>

#include "grade/book.h"

static const char *const students[] = {"alice", "bob"};
static const char *const modules[] = {"01_a", "02_b"};

static tito_grade_book book(const tito_grade_mark *marks)
{
    tito_grade_book b = {2, 2, students, modules, marks};
    return b;
}

Test(book, csv)
{
    tito_grade_mark marks[] = {
        {"passed", 2, 2, 0, 0, "r1-alice-01_a", NULL},
        {"failed", 1, 2, 0, 0, "r1-alice-02_b", "1 of 2 tests failed; first: t: \"x\", y\nTraceback"},
        {"error", 0, 0, 0, 0, "r1-bob-01_a", "line 1, column 2: bad"},
        {"missing", 0, 0, 0, 0, NULL, "no notebook submitted"},
    };
    tito_grade_book b = book(marks);
    tito_buf out = {0};
    cr_assert_eq(tito_grade_book_csv(&out, &b), 0);
    cr_assert_str_eq(out.ptr, TITO_GRADE_CSV_HEADER
                     "alice,01_a,passed,2,2,0,0,r1-alice-01_a,\n"
                     "alice,02_b,failed,1,2,0,0,r1-alice-02_b,\"1 of 2 tests failed; first: t: \"\"x\"\", y\"\n"
                     "bob,01_a,error,0,0,0,0,r1-bob-01_a,\"line 1, column 2: bad\"\n"
                     "bob,02_b,missing,0,0,0,0,,no notebook submitted\n");
    tito_buf_dispose(&out);
}

Test(book, totals)
{
    tito_grade_mark plain[] = {
        {"passed", 2, 2, 0, 0, "j1", NULL}, {"failed", 1, 2, 0, 0, "j2", NULL},
        {"passed", 2, 2, 0, 0, "j3", NULL}, {"passed", 2, 2, 0, 0, "j4", NULL},
    };
    tito_grade_book b = book(plain);
    double got, of;
    int isp;
    tito_grade_book_total(&b, 0, &got, &of, &isp);
    cr_assert(!isp && got == 1 && of == 2);
    tito_grade_book_total(&b, 1, &got, &of, &isp);
    cr_assert(!isp && got == 2 && of == 2);

    tito_grade_mark pts[] = {
        {"passed", 2, 2, 5, 5, "j1", NULL}, {"failed", 1, 2, 1.5, 3, "j2", NULL},
        {"missing", 0, 0, 0, 0, NULL, NULL}, {"passed", 2, 2, 3, 3, "j4", NULL},
    };
    b = book(pts);
    tito_grade_book_total(&b, 0, &got, &of, &isp);
    cr_assert(isp && got == 6.5 && of == 8);
    /* A missing module counts 0 of what the module is worth to the others. */
    tito_grade_book_total(&b, 1, &got, &of, &isp);
    cr_assert(isp && got == 3 && of == 8);
}

Test(book, json)
{
    tito_grade_mark marks[] = {
        {"passed", 2, 2, 0, 0, "j1", NULL}, {"timeout", 0, 1, 0, 0, "j2", "timed out"},
        {"missing", 0, 0, 0, 0, NULL, "no notebook submitted"}, {"ambiguous", 0, 0, 0, 0, NULL, "two"},
    };
    tito_grade_book b = book(marks);
    tito_json *j = tito_grade_book_json(&b);
    cr_assert_not_null(j);
    tito_buf out = {0};
    cr_assert_eq(tito_json_write(&out, j, 0), 0);
    cr_assert(strstr(out.ptr, "\"student\":\"alice\",\"total\":1.0,\"of\":2.0,\"total_is\":\"modules_passed\""),
              "%s", out.ptr);
    cr_assert(strstr(out.ptr, "\"module\":\"02_b\",\"status\":\"timeout\""), "%s", out.ptr);
    cr_assert(strstr(out.ptr, "\"job_id\":null,\"message\":\"two\""), "%s", out.ptr);
    tito_buf_dispose(&out);
    tito_json_free(j);
}

Test(book, ungraded)
{
    static const char *const yes[] = {"dead", "infra_error", "cancelled", "queued", "running"};
    static const char *const no[] = {"passed", "failed", "error", "timeout", "memory_limit", "output_limit",
                                     "signaled", "violation", "missing", "ambiguous"};
    for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++) {
        tito_grade_mark m = {yes[i], 0, 0, 0, 0, "j", NULL};
        cr_assert(tito_grade_mark_ungraded(&m), "%s", yes[i]);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++) {
        tito_grade_mark m = {no[i], 0, 0, 0, 0, "j", NULL};
        cr_assert_not(tito_grade_mark_ungraded(&m), "%s", no[i]);
    }
}
