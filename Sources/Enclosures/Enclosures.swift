// The Enclosures module.
