import type { Executor } from './types'

export interface Site {
  id: string
  code: string
  name: string
  regionCode: string
}

export async function sitesByIds(db: Executor, ids: readonly string[]): Promise<Site[]> {
  if (!ids.length)
    return []
  const rows = await db.selectFrom('sites').select(['id', 'code', 'name', 'region_code']).where('id', 'in', ids).where('active', '=', 1).orderBy('code').execute()
  return rows.map(r => ({ id: r.id, code: r.code, name: r.name, regionCode: r.region_code }))
}
