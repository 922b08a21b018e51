import type { Executor } from './types'

/**
 * Names the desk shows instead of ids: a site's code and name, an agent's display name, a
 * device's code and label. Null when the row is gone (sites, staff and devices are
 * disabled or revoked, never deleted, so only in data from elsewhere).
 */
export interface SiteAndAgentNames {
  siteCode: string | null
  siteName: string | null
  agentName: string | null
}

export interface DeviceNames {
  deviceCode: string | null
  deviceLabel: string | null
}

export async function siteAndAgentNames(db: Executor, siteId: string, agentId: string | null): Promise<SiteAndAgentNames> {
  const site = await db.selectFrom('sites').select(['code', 'name']).where('id', '=', siteId).executeTakeFirst()
  const agent = agentId === null ? undefined : await db.selectFrom('staff').select('display_name').where('id', '=', agentId).executeTakeFirst()
  return { siteCode: site?.code ?? null, siteName: site?.name ?? null, agentName: agent?.display_name ?? null }
}

export async function deviceNames(db: Executor, deviceId: string): Promise<DeviceNames> {
  const device = await db.selectFrom('devices').select(['code', 'label']).where('id', '=', deviceId).executeTakeFirst()
  return { deviceCode: device?.code ?? null, deviceLabel: device?.label ?? null }
}
