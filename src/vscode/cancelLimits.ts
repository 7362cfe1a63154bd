/**
 * How long an outdated request may keep its worker busy once a newer one for the same document waits:
 * diagnostics must follow typing, a preview may finish a paint, verifications may legitimately take seconds.
 */
export const CANCEL_AFTER_MS = { diagnostics: 100, preview: 300, verify: 60_000 } as const;
