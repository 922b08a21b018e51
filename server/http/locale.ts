import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context'
import { pickLocale } from '#shared/i18n/locale'

/** The caller's language for messages: `Accept-Language`, zh-CN by default. */
export const localeMiddleware: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('locale', pickLocale(c.req.header('Accept-Language')))
  await next()
}
