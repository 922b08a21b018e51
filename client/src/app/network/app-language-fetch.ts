/**
 * `fetch` that tells the server the app's language: the one chosen in the app (the page's
 * `lang`, which i18n.ts keeps in step), not the browser's, which is what Chromium would
 * send by itself — so the server's words (the `message` of an error) are in the language
 * on screen. An explicit Accept-Language wins. It reads no module state, so code that also
 * runs under Node in the tests can use it: with no page there, the header is left out.
 */
export function appLanguageFetch(input: Parameters<typeof fetch>[0], init: RequestInit = {}): Promise<Response> {
  const lang = (globalThis as { document?: { documentElement?: { lang?: string } } }).document?.documentElement?.lang
  if (!lang)
    return globalThis.fetch(input, init)
  const headers = new Headers(init.headers)
  if (!headers.has('Accept-Language'))
    headers.set('Accept-Language', lang)
  return globalThis.fetch(input, { ...init, headers })
}
