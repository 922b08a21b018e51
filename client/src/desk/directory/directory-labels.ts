import type { Locale } from '#shared/i18n/locale'
import type { DirectoryAgent, DirectoryCategory, DirectorySite } from './directory.types'
import { withAside } from '#shared/i18n/punctuation'

/**
 * How the desk names sites, agents and devices: by name, never by id or code, except as
 * the last resort when a name is unknown (never a blank). Categories: shared/programme/
 * category-label.ts. Pure, for unit tests.
 */

/** A site as rows carry it: the id and, when the server knows it, the code and name. */
export interface NamedSite { siteId: string, siteCode: string | null, siteName: string | null }

/** `北京朝阳网点（BJ01）` (`… (BJ01)` in English); the code alone, or the id, when the name is unknown. */
export function siteLabel(site: NamedSite, locale: Locale): string {
  if (site.siteName)
    return site.siteCode ? withAside(site.siteName, site.siteCode, locale) : site.siteName
  return site.siteCode ?? site.siteId
}

export function agentLabel(agent: { agentId: string, agentName: string | null }): string {
  return agent.agentName ?? agent.agentId
}

/** `演示平板（0H1K）`: the device's name and the code its receipt numbers carry; the id when unknown. */
export function deviceLabel(device: { deviceId: string, deviceCode: string | null, deviceLabel: string | null }, locale: Locale): string {
  if (device.deviceLabel)
    return device.deviceCode ? withAside(device.deviceLabel, device.deviceCode, locale) : device.deviceLabel
  return device.deviceCode ?? device.deviceId
}

/** A site of the directory by id, labelled like a row's. */
export function siteLabelById(sites: readonly DirectorySite[], id: string, locale: Locale): string {
  const site = sites.find(s => s.id === id)
  return siteLabel({ siteId: id, siteCode: site?.code ?? null, siteName: site?.name ?? null }, locale)
}

export function agentLabelById(agents: readonly DirectoryAgent[], id: string): string {
  return agents.find(a => a.id === id)?.displayName ?? id
}

/** An option of a filter: `inactive` for a closed site or a disabled agent (still filterable: their records remain). */
export interface Choice { value: string, label: string, inactive: boolean }

/**
 * The sites to filter by: the directory's, by code, then any id the filter already holds
 * that the directory does not name (a link from elsewhere), as itself, so it stays visible.
 */
export function siteChoices(sites: readonly DirectorySite[], locale: Locale, selected: readonly string[] = []): Choice[] {
  const choices = sites.map(site => ({ value: site.id, label: siteLabel({ siteId: site.id, siteCode: site.code, siteName: site.name }, locale), inactive: !site.active }))
  return [...choices, ...unknownChoices(choices, selected)]
}

/** The agents to filter by: those of `siteId` when one is chosen, else all, by name; then any other selected one. */
export function agentChoices(agents: readonly DirectoryAgent[], siteId: string, selected: readonly string[] = []): Choice[] {
  const choiceOf = (agent: DirectoryAgent): Choice => ({ value: agent.id, label: agent.displayName, inactive: agent.disabled })
  const choices = agents.filter(agent => !siteId || agent.siteIds.includes(siteId)).map(choiceOf)
  // One chosen before the site narrowed the list keeps its name.
  const others = unknownChoices(choices, selected).map((choice) => {
    const agent = agents.find(a => a.id === choice.value)
    return agent ? choiceOf(agent) : choice
  })
  return [...choices, ...others]
}

/**
 * The member categories to filter by, each followed by its levels (`VIP会员 · 金卡`): a
 * category's value is its code, a level's `category:level` (`categoryFilterOf` reads it).
 */
export function categoryChoices(categories: readonly DirectoryCategory[], locale: Locale): Choice[] {
  return categories.flatMap(category => [
    { value: category.code, label: category.name[locale], inactive: false },
    ...category.levels.map(level => ({ value: `${category.code}:${level.code}`, label: `${category.name[locale]} · ${level.name[locale]}`, inactive: false })),
  ])
}

/** A category filter's value as the members API takes it. */
export function categoryFilterOf(value: string): { category?: string, level?: string } {
  const [category, level] = value.split(':')
  return { ...(category ? { category } : {}), ...(category && level ? { level } : {}) }
}

function unknownChoices(choices: readonly Choice[], selected: readonly string[]): Choice[] {
  const known = new Set(choices.map(c => c.value))
  return [...new Set(selected)].filter(id => id && !known.has(id)).map(id => ({ value: id, label: id, inactive: false }))
}
