// The ClaimKit module.
