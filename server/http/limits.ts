/** The largest JSON request body the API reads (a sync push of 200 applications fits well within it). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024
/** How much of a refused request's body is read before its error is answered (an attachment's, beyond JSON's limit). */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024

/**
 * How long a request may take to arrive whole. Node's default, 5 minutes, cuts a 10 MB
 * business licence PDF sent at less than ~34 KB/s — a tablet on a weak rural link — and the
 * upload then starts again from its first byte every time, never finishing: the application
 * stays incomplete. An hour carries it at ~3 KB/s. Headers must still arrive within Node's
 * 60 seconds.
 */
export const REQUEST_TIMEOUT_MS = 60 * 60_000
