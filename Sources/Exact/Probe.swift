import CGMP
import CMPFR
import CFlint
import CNumericShim
func probeVersions() -> [String] { [String(cString: tc_gmp_version()), String(cString: tc_mpfr_version()), String(cString: tc_arb_version()), String(cString: tc_flint_version())] }
