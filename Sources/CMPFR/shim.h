#include <stdio.h>
#include <stdint.h>
#include <gmp.h>
#include <mpfr.h>
