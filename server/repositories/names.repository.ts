import type { Executor } from './types'

/**
 * Names the desk shows instead of ids: the site's code and name, the agent's display name
 * and the device's code and label of an application. Null when the row is gone (sites,
 * staff and devices are disabled or revoked, never deleted, so only in data from elsewhere).
 */
export interface ApplicationNames {
  siteCode: string | null
  siteName: string | null
  agentName: string | null
  deviceCode: string | null
  deviceLabel: string | null
}

export async function applicationNames(db: Executor, ids: { siteId: string, agentId: string, deviceId: string }): Promise<ApplicationNames> {
  const site = await db.selectFrom('sites').select(['code', 'name']).where('id', '=', ids.siteId).executeTakeFirst()
  const agent = await db.selectFrom('staff').select('display_name').where('id', '=', ids.agentId).executeTakeFirst()
  const device = await db.selectFrom('devices').select(['code', 'label']).where('id', '=', ids.deviceId).executeTakeFirst()
  return {
    siteCode: site?.code ?? null,
    siteName: site?.name ?? null,
    agentName: agent?.display_name ?? null,
    deviceCode: device?.code ?? null,
    deviceLabel: device?.label ?? null,
  }
}
