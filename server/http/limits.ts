/** The largest JSON request body the API reads (a sync push of 200 applications fits well within it). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024
/** How much of a refused request's body is read before its error is answered (an attachment's, beyond JSON's limit). */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024
