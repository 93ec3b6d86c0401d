/* The gradebook views (book.h). */
#include "grade/book.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"

static const tito_grade_mark *mark(const tito_grade_book *b, size_t s, size_t m)
{
    return &b->marks[s * b->nmodules + m];
}

static int has_points(const tito_grade_book *b)
{
    for (size_t i = 0; i < b->nstudents * b->nmodules; i++)
        if (b->marks[i].max_points > 0)
            return 1;
    return 0;
}

int tito_grade_mark_ungraded(const tito_grade_mark *m)
{
    const char *s = m->status ? m->status : "";
    return !strcmp(s, "dead") || !strcmp(s, "infra_error") || !strcmp(s, "cancelled") || !strcmp(s, "queued") ||
           !strcmp(s, "running") || !s[0];
}

void tito_grade_book_total(const tito_grade_book *b, size_t student, double *got, double *of, int *is_points)
{
    *is_points = has_points(b);
    *got = *of = 0;
    for (size_t m = 0; m < b->nmodules; m++) {
        const tito_grade_mark *k = mark(b, student, m);
        if (*is_points) {
            /* Out of the module's points as any student's job found them: a
             * missing or crashed module counts 0 of its real worth. */
            double col = 0;
            for (size_t s = 0; s < b->nstudents; s++)
                if (mark(b, s, m)->max_points > col)
                    col = mark(b, s, m)->max_points;
            *got += k->points;
            *of += col;
        } else {
            *got += k->status && !strcmp(k->status, "passed");
            *of += 1;
        }
    }
}

/* RFC 4180: quoted when it holds a comma, quote or line break; only the
 * first line of a message (the rest is in `tito logs JOB`). */
static void csv_field(tito_buf *out, const char *v, size_t len, char sep)
{
    if (strcspn(v, ",\"\r\n") < len) {
        tito_buf_puts(out, "\"");
        for (size_t i = 0; i < len; i++)
            tito_buf_printf(out, "%s", v[i] == '"' ? "\"\"" : (char[2]){v[i], 0});
        tito_buf_puts(out, "\"");
    } else {
        tito_buf_printf(out, "%.*s", (int)len, v);
    }
    tito_buf_printf(out, "%c", sep);
}

static void num(char *buf, size_t n, double d)
{
    snprintf(buf, n, "%.10g", d);
}

int tito_grade_book_csv(tito_buf *out, const tito_grade_book *b)
{
    tito_buf_puts(out, TITO_GRADE_CSV_HEADER);
    for (size_t s = 0; s < b->nstudents; s++)
        for (size_t m = 0; m < b->nmodules; m++) {
            const tito_grade_mark *k = mark(b, s, m);
            const char *msg = k->message ? k->message : "";
            char p[32], mp[32];
            num(p, sizeof(p), k->points);
            num(mp, sizeof(mp), k->max_points);
            csv_field(out, b->students[s], strlen(b->students[s]), ',');
            csv_field(out, b->modules[m], strlen(b->modules[m]), ',');
            csv_field(out, k->status, strlen(k->status), ',');
            tito_buf_printf(out, "%d,%d,%s,%s,", k->tests_passed, k->tests_total, p, mp);
            csv_field(out, k->job_id ? k->job_id : "", k->job_id ? strlen(k->job_id) : 0, ',');
            csv_field(out, msg, strcspn(msg, "\r\n"), '\n');
        }
    return out->failed ? TITO_ENOMEM : 0;
}

/* The cell of the table: points, tests passed, or the status. */
static void cell_text(char *buf, size_t n, const tito_grade_mark *k, int points)
{
    int graded = !strcmp(k->status, "passed") || !strcmp(k->status, "failed");
    if (graded && points && k->max_points > 0)
        snprintf(buf, n, "%g/%g", k->points, k->max_points);
    else if (graded && k->tests_total > 0)
        snprintf(buf, n, "%d/%d", k->tests_passed, k->tests_total);
    else
        snprintf(buf, n, "%s", k->status);
}

static const char *color_of(const char *status)
{
    if (!strcmp(status, "passed"))
        return "\033[32m";
    if (!strcmp(status, "missing") || !strcmp(status, "cancelled"))
        return "\033[33m";
    return "\033[31m";
}

void tito_grade_book_table(FILE *f, const tito_grade_book *b, int color)
{
    int points = has_points(b);
    size_t sw = 7, *w = calloc(b->nmodules ? b->nmodules : 1, sizeof(*w));
    char buf[64];
    if (!w)
        return;
    for (size_t s = 0; s < b->nstudents; s++)
        if (strlen(b->students[s]) > sw)
            sw = strlen(b->students[s]);
    for (size_t m = 0; m < b->nmodules; m++) {
        w[m] = strlen(b->modules[m]);
        for (size_t s = 0; s < b->nstudents; s++) {
            cell_text(buf, sizeof(buf), mark(b, s, m), points);
            if (strlen(buf) > w[m])
                w[m] = strlen(buf);
        }
    }
    fprintf(f, "\n%-*s", (int)sw, "Student");
    for (size_t m = 0; m < b->nmodules; m++)
        fprintf(f, "  %-*s", (int)w[m], b->modules[m]);
    fprintf(f, "  %s\n", points ? "Points" : "Passed");
    size_t line = sw + 8;
    for (size_t m = 0; m < b->nmodules; m++)
        line += w[m] + 2;
    for (size_t i = 0; i < line; i++)
        fputc('-', f);
    fputc('\n', f);
    for (size_t s = 0; s < b->nstudents; s++) {
        fprintf(f, "%-*s", (int)sw, b->students[s]);
        for (size_t m = 0; m < b->nmodules; m++) {
            const tito_grade_mark *k = mark(b, s, m);
            cell_text(buf, sizeof(buf), k, points);
            fprintf(f, "  %s%-*s%s", color ? color_of(k->status) : "", (int)w[m], buf, color ? "\033[0m" : "");
        }
        double got, of;
        int isp;
        tito_grade_book_total(b, s, &got, &of, &isp);
        fprintf(f, "  %g/%g\n", got, of);
    }
    free(w);
}

static int set(tito_json *o, const char *key, tito_json *v)
{
    return !v || tito_json_object_set(o, key, v) < 0;
}

tito_json *tito_grade_book_json(const tito_grade_book *b)
{
    tito_json *root = tito_json_new_object(), *students = tito_json_new_array();
    int failed = !root || !students;
    if (!failed)
        failed |= set(root, "students", students);
    else
        tito_json_free(students);
    for (size_t s = 0; !failed && s < b->nstudents; s++) {
        tito_json *so = tito_json_new_object(), *mods = tito_json_new_array();
        double got, of;
        int isp;
        tito_grade_book_total(b, s, &got, &of, &isp);
        failed |= !so || tito_json_array_append(students, so) < 0;
        if (failed) {
            tito_json_free(so);
            tito_json_free(mods);
            break;
        }
        failed |= set(so, "student", tito_json_new_string(b->students[s]));
        failed |= set(so, "total", tito_json_new_float(got));
        failed |= set(so, "of", tito_json_new_float(of));
        failed |= set(so, "total_is", tito_json_new_string(isp ? "points" : "modules_passed"));
        failed |= set(so, "modules", mods);
        for (size_t m = 0; !failed && m < b->nmodules; m++) {
            const tito_grade_mark *k = mark(b, s, m);
            tito_json *mo = tito_json_new_object();
            failed |= !mo || tito_json_array_append(mods, mo) < 0;
            if (failed) {
                tito_json_free(mo);
                break;
            }
            failed |= set(mo, "module", tito_json_new_string(b->modules[m]));
            failed |= set(mo, "status", tito_json_new_string(k->status));
            failed |= set(mo, "tests_passed", tito_json_new_int(k->tests_passed));
            failed |= set(mo, "tests_total", tito_json_new_int(k->tests_total));
            failed |= set(mo, "points", tito_json_new_float(k->points));
            failed |= set(mo, "max_points", tito_json_new_float(k->max_points));
            failed |= set(mo, "job_id", k->job_id ? tito_json_new_string(k->job_id) : tito_json_new_null());
            failed |= set(mo, "message", k->message ? tito_json_new_string(k->message) : tito_json_new_null());
        }
    }
    if (failed) {
        tito_json_free(root);
        return NULL;
    }
    return root;
}
