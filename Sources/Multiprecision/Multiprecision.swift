// The Multiprecision module.
