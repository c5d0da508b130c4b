#ifndef CBASELINE_H
#define CBASELINE_H

/* Plain C versions of the benchmark tasks, written the way a C user of MPFR,
   Arb and FLINT would write them. The Swift benchmark times these beside the
   same tasks through TheoremCheck's public API. */

#include <stddef.h>

/* B3: iterations of x <- x*c + d at `prec` bits with x0 = 1, c = 0.999999,
   d = 1/3 (c and d rounded to nearest at `prec` bits). Writes x in fixed
   notation with `digits` digits after the point into out. */
void cb_mpfr_multiply_add(long iterations, long prec, int digits, char *out, size_t out_size);
void cb_mpfr_fma(long iterations, long prec, int digits, char *out, size_t out_size);
/* The same loop on Arb balls (mul then add); out receives the midpoint digits. */
void cb_arb_multiply_add(long iterations, long prec, int digits, char *out, size_t out_size);
void cb_arb_fma(long iterations, long prec, int digits, char *out, size_t out_size);

/* B1: builds A_ij = 1/(i+j+1) + n*[i==j] (i, j from 0) and b = ones as
   exact rationals, solves A x = b with arb_mat_solve at `prec` bits.
   Returns 1 when Arb certified the solution, 0 otherwise. */
int cb_arb_b1_solve(long n, long prec);
/* B1 exactly with fmpq_mat_solve (FLINT picks the algorithm). Returns 1 on success. */
int cb_fmpq_b1_solve(long n);

/* B4: solves the n x n system M v = r exactly with FLINT, where M and r are
   given as numerator/denominator pairs in row-major order. Returns 1 when the
   system was nonsingular. */
int cb_fmpq_solve_pairs(long n, const long *m_num, const long *m_den,
                        const long *r_num, const long *r_den);

#endif
