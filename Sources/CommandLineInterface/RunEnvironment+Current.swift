import CFlint
import CGMP
import CMPFR
import CNumericShim
import Runner

extension RunEnvironment {
    /// The environment of this process: library versions read from the linked C
    /// libraries, and the Swift language version the tool was compiled with.
    static func current(seed: UInt64, precision: Int) -> RunEnvironment {
        let libraries = [
            "GMP": String(cString: tc_gmp_version()),
            "MPFR": String(cString: tc_mpfr_version()),
            "Arb": String(cString: tc_arb_version()),
            "FLINT": String(cString: tc_flint_version()),
        ]
        return RunEnvironment(seed: seed, precision: precision, libraries: libraries, swiftVersion: compiledSwiftVersion,
                              toolVersion: TheoremCheckCLI.version)
    }

    /// The compiler version at build time, to the minor version.
    static var compiledSwiftVersion: String {
        #if compiler(>=6.4)
        "6.4 or later"
        #elseif compiler(>=6.3)
        "6.3"
        #elseif compiler(>=6.2)
        "6.2"
        #elseif compiler(>=6.1)
        "6.1"
        #else
        "6.0"
        #endif
    }
}
