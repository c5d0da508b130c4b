#ifndef CNUMERICSHIM_H
#define CNUMERICSHIM_H

/* One-line wrappers for the GMP, MPFR and Arb items that Swift cannot call:
   function-like macros without a symbol, and variadic functions. */

#include <stdio.h>
#include <stdint.h>
#include <gmp.h>
#include <mpfr.h>
#include <flint/flint.h>
#include <arb.h>
#include <arb_mat.h>
#include <acb.h>
#include <acb_mat.h>

static inline int tc_mpz_sgn(const __mpz_struct *x) { return mpz_sgn(x); }
static inline int tc_mpq_sgn(const __mpq_struct *x) { return mpq_sgn(x); }
static inline __mpz_struct *tc_mpq_numref(__mpq_struct *x) { return mpq_numref(x); }
static inline __mpz_struct *tc_mpq_denref(__mpq_struct *x) { return mpq_denref(x); }
static inline const __mpz_struct *tc_mpq_numref_const(const __mpq_struct *x) { return mpq_numref(x); }
static inline const __mpz_struct *tc_mpq_denref_const(const __mpq_struct *x) { return mpq_denref(x); }

static inline arf_struct *tc_arb_midref(arb_struct *x) { return arb_midref(x); }
static inline mag_struct *tc_arb_radref(arb_struct *x) { return arb_radref(x); }
static inline const arf_struct *tc_arb_midref_const(const arb_struct *x) { return arb_midref(x); }
static inline const mag_struct *tc_arb_radref_const(const arb_struct *x) { return arb_radref(x); }

static inline arb_struct *tc_arb_mat_entry(arb_mat_struct *m, slong i, slong j) { return arb_mat_entry(m, i, j); }
static inline const arb_struct *tc_arb_mat_entry_const(const arb_mat_struct *m, slong i, slong j) { return arb_mat_entry(m, i, j); }
static inline acb_struct *tc_acb_mat_entry(acb_mat_struct *m, slong i, slong j) { return acb_mat_entry(m, i, j); }
static inline arb_struct *tc_acb_realref(acb_struct *x) { return acb_realref(x); }
static inline arb_struct *tc_acb_imagref(acb_struct *x) { return acb_imagref(x); }

/* Writes x in scientific notation with `digits` significant digits, rounded
   in direction `rnd`, into buf (size n). Returns what snprintf returns. */
static inline int tc_mpfr_snprint(char *buf, size_t n, int digits, const __mpfr_struct *x, mpfr_rnd_t rnd) {
    return mpfr_snprintf(buf, n, "%.*R*e", digits - 1, rnd, x);
}

/* Whether x is a finite number (zero or regular), read from the exponent
   field as MPFR's own mpfr_zero_p and mpfr_regular_p macros do; this inlines,
   unlike the out-of-line mpfr_number_p. */
static inline int tc_mpfr_is_finite(const __mpfr_struct *x) {
    return x->_mpfr_exp > __MPFR_EXP_INF || x->_mpfr_exp == __MPFR_EXP_ZERO;
}

static inline const char *tc_gmp_version(void) { return gmp_version; }
static inline const char *tc_mpfr_version(void) { return mpfr_get_version(); }
static inline const char *tc_arb_version(void) { return arb_version; }
static inline const char *tc_flint_version(void) { return flint_version; }

#endif
