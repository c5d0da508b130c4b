// The Runner module.
