#include "cbaseline.h"

#include <stdio.h>
#include <stdint.h>
#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <arb.h>
#include <arb_mat.h>

static void mpfr_digits(const mpfr_t x, int digits, char *out, size_t out_size) {
    mpfr_snprintf(out, out_size, "%.*Rf", digits, x);
}

static void set_constants_mpfr(mpfr_t c, mpfr_t d, long prec) {
    mpfr_init2(c, prec);
    mpfr_init2(d, prec);
    mpfr_set_str(c, "0.999999", 10, MPFR_RNDN);
    mpfr_set_ui(d, 1, MPFR_RNDN);
    mpfr_div_ui(d, d, 3, MPFR_RNDN);
}

void cb_mpfr_multiply_add(long iterations, long prec, int digits, char *out, size_t out_size) {
    mpfr_t x, c, d;
    set_constants_mpfr(c, d, prec);
    mpfr_init2(x, prec);
    mpfr_set_ui(x, 1, MPFR_RNDN);
    for (long i = 0; i < iterations; i++) {
        mpfr_mul(x, x, c, MPFR_RNDN);
        mpfr_add(x, x, d, MPFR_RNDN);
    }
    mpfr_digits(x, digits, out, out_size);
    mpfr_clears(x, c, d, (mpfr_ptr) 0);
}

void cb_mpfr_fma(long iterations, long prec, int digits, char *out, size_t out_size) {
    mpfr_t x, c, d;
    set_constants_mpfr(c, d, prec);
    mpfr_init2(x, prec);
    mpfr_set_ui(x, 1, MPFR_RNDN);
    for (long i = 0; i < iterations; i++) {
        mpfr_fma(x, x, c, d, MPFR_RNDN);
    }
    mpfr_digits(x, digits, out, out_size);
    mpfr_clears(x, c, d, (mpfr_ptr) 0);
}

static void set_constants_arb(arb_t c, arb_t d, long prec) {
    fmpq_t q;
    fmpq_init(q);
    arb_init(c);
    arb_init(d);
    fmpq_set_si(q, 999999, 1000000);
    arb_set_fmpq(c, q, prec);
    fmpq_set_si(q, 1, 3);
    arb_set_fmpq(d, q, prec);
    fmpq_clear(q);
}

static void arb_digits(const arb_t x, int digits, char *out, size_t out_size) {
    mpfr_t m;
    mpfr_init2(m, arf_bits(arb_midref(x)) + 2);
    arf_get_mpfr(m, arb_midref(x), MPFR_RNDN);
    mpfr_digits(m, digits, out, out_size);
    mpfr_clear(m);
}

void cb_arb_multiply_add(long iterations, long prec, int digits, char *out, size_t out_size) {
    arb_t x, c, d;
    set_constants_arb(c, d, prec);
    arb_init(x);
    arb_one(x);
    for (long i = 0; i < iterations; i++) {
        arb_mul(x, x, c, prec);
        arb_add(x, x, d, prec);
    }
    arb_digits(x, digits, out, out_size);
    arb_clear(x);
    arb_clear(c);
    arb_clear(d);
}

void cb_arb_fma(long iterations, long prec, int digits, char *out, size_t out_size) {
    arb_t x, c, d, t;
    set_constants_arb(c, d, prec);
    arb_init(x);
    arb_init(t);
    arb_one(x);
    for (long i = 0; i < iterations; i++) {
        /* arb_fma(res, x, y, z) sets res = x*y + z. */
        arb_fma(t, x, c, d, prec);
        arb_swap(t, x);
    }
    arb_digits(x, digits, out, out_size);
    arb_clear(x);
    arb_clear(t);
    arb_clear(c);
    arb_clear(d);
}

static void b1_entry(fmpq_t q, long n, long i, long j) {
    fmpq_set_si(q, 1, i + j + 1);
    if (i == j) {
        fmpq_add_si(q, q, n);
    }
}

int cb_arb_b1_solve(long n, long prec) {
    arb_mat_t a, x, b;
    fmpq_t q;
    int certified;

    arb_mat_init(a, n, n);
    arb_mat_init(x, n, 1);
    arb_mat_init(b, n, 1);
    fmpq_init(q);
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            b1_entry(q, n, i, j);
            arb_set_fmpq(arb_mat_entry(a, i, j), q, prec);
        }
        arb_one(arb_mat_entry(b, i, 0));
    }
    certified = arb_mat_solve(x, a, b, prec);

    fmpq_clear(q);
    arb_mat_clear(a);
    arb_mat_clear(x);
    arb_mat_clear(b);
    return certified;
}

int cb_fmpq_b1_solve(long n) {
    fmpq_mat_t a, x, b;
    fmpq_t q;
    int ok;

    fmpq_mat_init(a, n, n);
    fmpq_mat_init(x, n, 1);
    fmpq_mat_init(b, n, 1);
    fmpq_init(q);
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            b1_entry(q, n, i, j);
            fmpq_set(fmpq_mat_entry(a, i, j), q);
        }
        fmpq_one(fmpq_mat_entry(b, i, 0));
    }
    ok = fmpq_mat_solve(x, a, b);

    fmpq_clear(q);
    fmpq_mat_clear(a);
    fmpq_mat_clear(x);
    fmpq_mat_clear(b);
    return ok;
}

int cb_fmpq_solve_pairs(long n, const long *m_num, const long *m_den,
                        const long *r_num, const long *r_den) {
    fmpq_mat_t m, v, r;
    int ok;

    fmpq_mat_init(m, n, n);
    fmpq_mat_init(v, n, 1);
    fmpq_mat_init(r, n, 1);
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n; j++) {
            fmpq_set_si(fmpq_mat_entry(m, i, j), m_num[i * n + j], (ulong) m_den[i * n + j]);
        }
        fmpq_set_si(fmpq_mat_entry(r, i, 0), r_num[i], (ulong) r_den[i]);
    }
    ok = fmpq_mat_solve(v, m, r);

    fmpq_mat_clear(m);
    fmpq_mat_clear(v);
    fmpq_mat_clear(r);
    return ok;
}
