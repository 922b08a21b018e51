/** The largest JSON request body the API reads (a sync push of 200 applications fits well within it). */
export const MAX_JSON_BYTES = 4 * 1024 * 1024
