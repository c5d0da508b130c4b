#!/usr/bin/env python3
"""Optional Python anchors for `theorem-check-bench`.

Runs one benchmark task with mpmath, python-flint, gmpy2 or the standard
library's `fractions`, whichever are importable, and prints one JSON object
mapping anchor names to the minimum wall time in seconds over the repeats.
An anchor whose package is missing is reported as null; the benchmark prints
it as skipped. Never run by the tests or the main job.

Usage: bench_anchors.py TASK REPEATS [MATRIX_FILE]
  TASK is b1, b3 or b4. b4 reads MATRIX_FILE: first line n, then n lines of
  n fractions p/q (the matrix), then one line of n fractions (the right side).
"""

import json
import sys
import time
from fractions import Fraction


def best_time(repeats, function):
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def b3_anchors(repeats, iterations=10**6, bits=256):
    results = {"mpmath": None, "gmpy2": None, "python-flint": None}
    try:
        import mpmath

        def run_mpmath():
            mpmath.mp.prec = bits
            x = mpmath.mpf(1)
            c = mpmath.mpf("0.999999")
            d = mpmath.mpf(1) / 3
            for _ in range(iterations):
                x = x * c + d
            return x

        results["mpmath"] = best_time(repeats, run_mpmath)
    except ImportError:
        pass
    try:
        import gmpy2

        def run_gmpy2():
            gmpy2.get_context().precision = bits
            x = gmpy2.mpfr(1)
            c = gmpy2.mpfr("0.999999")
            d = gmpy2.mpfr(1) / 3
            for _ in range(iterations):
                x = x * c + d
            return x

        results["gmpy2"] = best_time(repeats, run_gmpy2)
    except ImportError:
        pass
    try:
        import flint

        def run_flint():
            flint.ctx.prec = bits
            x = flint.arb(1)
            c = flint.arb(flint.fmpq(999999, 1000000))
            d = flint.arb(flint.fmpq(1, 3))
            for _ in range(iterations):
                x = x * c + d
            return x

        results["python-flint"] = best_time(repeats, run_flint)
    except ImportError:
        pass
    return results


def b1_entries(n):
    return [[Fraction(1, i + j + 1) + (n if i == j else 0) for j in range(n)] for i in range(n)]


def b1_anchors(repeats, n=64, bits=256):
    results = {"mpmath lu_solve": None, "python-flint arb_mat.solve": None, "python-flint fmpq_mat.solve": None}
    entries = b1_entries(n)
    try:
        import mpmath

        def run_mpmath():
            mpmath.mp.prec = bits
            a = mpmath.matrix([[mpmath.mpf(e.numerator) / e.denominator for e in row] for row in entries])
            b = mpmath.matrix([1] * n)
            return mpmath.lu_solve(a, b)

        results["mpmath lu_solve"] = best_time(repeats, run_mpmath)
    except ImportError:
        pass
    try:
        import flint

        def run_arb():
            flint.ctx.prec = bits
            a = flint.arb_mat([[flint.arb(flint.fmpq(e.numerator, e.denominator)) for e in row] for row in entries])
            b = flint.arb_mat([[1]] * n)
            return a.solve(b)

        def run_fmpq():
            a = flint.fmpq_mat([[flint.fmpq(e.numerator, e.denominator) for e in row] for row in entries])
            b = flint.fmpq_mat([[1]] * n)
            return a.solve(b)

        results["python-flint arb_mat.solve"] = best_time(repeats, run_arb)
        results["python-flint fmpq_mat.solve"] = best_time(repeats, run_fmpq)
    except ImportError:
        pass
    return results


def read_system(path):
    with open(path) as handle:
        lines = handle.read().split("\n")
    n = int(lines[0])
    matrix = [[Fraction(token) for token in lines[1 + i].split()] for i in range(n)]
    rhs = [Fraction(token) for token in lines[1 + n].split()]
    return matrix, rhs


def solve_fractions(matrix, rhs):
    n = len(matrix)
    a = [row[:] + [rhs[i]] for i, row in enumerate(matrix)]
    for column in range(n):
        pivot = next(r for r in range(column, n) if a[r][column] != 0)
        a[column], a[pivot] = a[pivot], a[column]
        inverse = 1 / a[column][column]
        for r in range(column + 1, n):
            factor = a[r][column] * inverse
            if factor:
                for c in range(column, n + 1):
                    a[r][c] -= factor * a[column][c]
    x = [Fraction(0)] * n
    for r in reversed(range(n)):
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def b4_anchors(repeats, path):
    results = {"python-flint fmpq_mat.solve": None, "fractions (Gaussian elimination)": None}
    matrix, rhs = read_system(path)
    try:
        import flint

        def run_flint():
            a = flint.fmpq_mat([[flint.fmpq(e.numerator, e.denominator) for e in row] for row in matrix])
            b = flint.fmpq_mat([[flint.fmpq(e.numerator, e.denominator)] for e in rhs])
            return a.solve(b)

        results["python-flint fmpq_mat.solve"] = best_time(repeats, run_flint)
    except ImportError:
        pass
    results["fractions (Gaussian elimination)"] = best_time(max(1, repeats // 3), lambda: solve_fractions(matrix, rhs))
    return results


def main():
    task = sys.argv[1]
    repeats = int(sys.argv[2])
    if task == "b1":
        results = b1_anchors(repeats)
    elif task == "b3":
        results = b3_anchors(repeats)
    elif task == "b4":
        results = b4_anchors(repeats, sys.argv[3])
    else:
        raise SystemExit(f"unknown task {task!r}; expected b1, b3 or b4")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
