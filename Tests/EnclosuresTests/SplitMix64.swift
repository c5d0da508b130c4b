import Exact

/// A seeded splitmix64 generator (Steele, Lea and Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014) for reproducible test inputs.
struct SplitMix64: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(seed: UInt64) {
        self.seed = seed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random integer with up to `bits` bits (bits ≤ 128), uniformly sized.
    mutating func integer(bits: Int) -> BigInt {
        let width = Int.random(in: 1...bits, using: &self)
        var value = BigInt(0)
        var remaining = width
        while remaining > 0 {
            let chunk = Swift.min(remaining, 32)
            let word = Int(next() >> UInt64(64 - chunk))
            value = (value << chunk) + BigInt(word)
            remaining -= chunk
        }
        return value
    }

    /// A random signed rational n/2^k, n/3^k or n/10^k.
    mutating func rational(numeratorBits: Int, maxShift: Int) -> Rational {
        var value = nonnegativeRational(numeratorBits: numeratorBits, maxShift: maxShift)
        if Bool.random(using: &self) {
            value.negate()
        }
        return value
    }

    mutating func nonnegativeRational(numeratorBits: Int, maxShift: Int) -> Rational {
        let numerator = integer(bits: numeratorBits)
        let shift = Int.random(in: 0...maxShift, using: &self)
        switch next() % 3 {
        case 0:
            return Rational(numerator).timesPowerOfTwo(-shift)
        case 1:
            return try! Rational(numerator, BigInt(3).power(Swift.min(shift, 40)))
        default:
            return try! Rational(numerator, BigInt(10).power(Swift.min(shift, 25)))
        }
    }

    /// A random rational in [lower, upper] (both ends possible).
    mutating func rational(in lower: Rational, _ upper: Rational) -> Rational {
        let steps = 1 << 20
        let position = Int.random(in: 0...steps, using: &self)
        return lower + (upper - lower) * Rational(position, steps)
    }
}
