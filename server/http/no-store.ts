import type { MiddlewareHandler } from 'hono'

/**
 * Nothing the API answers is kept by a browser or a proxy: its answers carry people's names,
 * ID numbers, mobiles and photos (masked or revealed), sign-in tokens, and errors holding the
 * current copy of a record. Without a Cache-Control header a cache may keep a GET's answer
 * and serve it again — on the desk's shared PC after sign-out, or to the next user behind a
 * proxy. Every `/api/` answer, errors included, is `no-store` unless its route chose a policy
 * of its own (attachments and exports already say `private, no-store`; the API docs' static
 * files may be cached, they hold no data).
 */
export const NEVER_STORED = 'no-store'

export const noStore: MiddlewareHandler = async (c, next) => {
  await next()
  if (!c.res.headers.has('Cache-Control'))
    c.res.headers.set('Cache-Control', NEVER_STORED)
}
