import type { ValidationIssue } from '#shared/errors/issue'
import type { Locale } from '#shared/i18n/locale'
import type { Rate, StatsOverview } from './stats.types'
import { addDays, checkCalendarDate } from '#shared/dates/calendar'
import { daysBetween } from '#shared/dates/date-range'
import { compareNames } from '#shared/i18n/collate'
import { checkStatsRange, STATS_MAX_RANGE_DAYS } from '#shared/stats/stats-range'
import { agentLabel, siteLabel } from '../directory/directory-labels'

/**
 * The statistics dashboard's pure half: the URL query ↔ filters (range and site), the
 * cards' words and the ECharts options built from the API's answer. No Vue, no ECharts
 * runtime (option objects only), so all of it is unit-tested
 * (test/unit/desk/stats-options.test.ts) and the charts module stays the only one that
 * pulls ECharts in.
 */

/** The dashboard's default span: the last 30 China days, today included. */
export const DEFAULT_RANGE_DAYS = 30
/** The per-agent chart shows the busiest agents only. */
export const TOP_AGENTS = 15

export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && checkCalendarDate(value).ok
}

export interface StatsFilters {
  from: string
  to: string
  /** '' for every site the person may see. */
  siteId: string
}

export type RouteQuery = Record<string, string | null | undefined | Array<string | null>>

function single(query: RouteQuery, key: string): string {
  const raw = query[key]
  const value = Array.isArray(raw) ? raw[0] : raw
  return typeof value === 'string' ? value : ''
}

export function defaultFilters(today: string): StatsFilters {
  return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today, siteId: '' }
}

/**
 * Filters from the URL: a missing or bad date falls back to the default range, a
 * reversed or too long range too, so the page never sends what the server refuses.
 */
export function filtersFromQuery(query: RouteQuery, today: string): StatsFilters {
  const defaults = defaultFilters(today)
  const from = single(query, 'from')
  const to = single(query, 'to')
  const siteId = single(query, 'siteId').slice(0, 64)
  const range = isCalendarDate(from) && isCalendarDate(to) && checkStatsRange(from, to).length === 0
    ? { from, to }
    : { from: defaults.from, to: defaults.to }
  return { ...range, siteId }
}

/**
 * Why the URL's range is not shown (filtersFromQuery falls back to the default): the first
 * issue of a range the query names but the server would refuse — a bad date, a reversed or
 * too long span, one end alone. Null when the query names no range or a valid one.
 */
export function refusedRange(query: RouteQuery): ValidationIssue | null {
  const from = single(query, 'from')
  const to = single(query, 'to')
  if (!from && !to)
    return null
  for (const [path, value] of [['from', from], ['to', to]] as const) {
    if (!isCalendarDate(value)) {
      const checked = checkCalendarDate(value)
      return { path, code: checked.ok ? 'date.format' : checked.code }
    }
  }
  return checkStatsRange(from, to)[0] ?? null
}

/** The URL leaves out the defaults. */
export function queryFromFilters(filters: StatsFilters, today: string): Record<string, string> {
  const defaults = defaultFilters(today)
  const query: Record<string, string> = {}
  if (filters.from !== defaults.from || filters.to !== defaults.to) {
    query.from = filters.from
    query.to = filters.to
  }
  if (filters.siteId)
    query.siteId = filters.siteId
  return query
}

/** A share (0–1) as a percentage in the language, — when there is none. */
export function formatRate(rate: Rate, locale: Locale): string {
  if (rate === null || !Number.isFinite(rate))
    return '—'
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate)
}

/** Hours with one decimal, — when there is none. */
export function formatHours(hours: number | null, locale: Locale): string {
  if (hours === null || !Number.isFinite(hours))
    return '—'
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours)
}

export type CardKey = 'applications' | 'approvalRate' | 'rejectionRate' | 'returnRate' | 'medianReviewHours' | 'overdue' | 'duplicatesFound' | 'revisitsDue' | 'revisitsRecorded' | 'revisitReachedRate'

export interface StatsCard { key: CardKey, value: string }

/** The cards in the order shown; every value already in words. */
export function statsCards(overview: StatsOverview, locale: Locale): StatsCard[] {
  const count = (n: number): string => new Intl.NumberFormat(locale).format(n)
  return [
    { key: 'applications', value: count(overview.applications) },
    { key: 'approvalRate', value: formatRate(overview.rates.approval, locale) },
    { key: 'rejectionRate', value: formatRate(overview.rates.rejection, locale) },
    { key: 'returnRate', value: formatRate(overview.rates.return, locale) },
    { key: 'medianReviewHours', value: formatHours(overview.medianReviewHours, locale) },
    { key: 'overdue', value: count(overview.overdue) },
    { key: 'duplicatesFound', value: count(overview.duplicatesFound) },
    { key: 'revisitsDue', value: count(overview.revisits.due) },
    { key: 'revisitsRecorded', value: count(overview.revisits.recorded) },
    { key: 'revisitReachedRate', value: formatRate(overview.revisits.recorded ? overview.revisits.reached / overview.revisits.recorded : null, locale) },
  ]
}

/**
 * The review queue's URL query that lists what a card counts, or null for a card the queue
 * cannot list (rates, re-visits): the applications that first reached the server in the
 * range (the queue's 首次提交日期 goes by the same day), and of them the overdue ones.
 */
export function queueQueryOfCard(key: StatsCard['key'], filters: StatsFilters): Record<string, string> | null {
  const range = { submittedFrom: filters.from, submittedTo: filters.to, ...(filters.siteId ? { siteId: filters.siteId } : {}) }
  if (key === 'applications')
    return range
  if (key === 'overdue')
    return { ...range, overdue: 'true' }
  return null
}

/**
 * Every day from `from` to `to` with its count, 0 for a day the answer leaves out (the
 * server sends them all; the chart must not depend on it).
 */
export function everyDay(perDay: StatsOverview['perDay'], from: string, to: string): Array<{ date: string, count: number }> {
  const counts = new Map(perDay.map(day => [day.date, day.count]))
  const days: Array<{ date: string, count: number }> = []
  const span = Math.min(daysBetween(from, to), STATS_MAX_RANGE_DAYS - 1)
  for (let i = 0; i <= span; i++) {
    const date = addDays(from, i)
    days.push({ date, count: counts.get(date) ?? 0 })
  }
  return days
}

/** The option shapes this module builds (a subset of ECharts' option, typed precisely). */
export interface CategoryAxis { type: 'category', data: string[], inverse?: boolean, axisLabel?: { interval?: number | 'auto', rotate?: number } }
export interface ValueAxis { type: 'value', minInterval: number }
export interface ChartSeries { type: 'line' | 'bar', name: string, data: number[], smooth?: boolean, areaStyle?: Record<string, never>, barMaxWidth?: number }
export interface ChartOption {
  title: { show: boolean, text: string, left: 'center', top: 'middle', textStyle: { fontSize: number, color: string, fontWeight: 'normal' } }
  tooltip: { trigger: 'axis' }
  grid: { left: number, right: number, top: number, bottom: number, containLabel: boolean }
  xAxis: CategoryAxis | ValueAxis
  yAxis: CategoryAxis | ValueAxis
  series: ChartSeries[]
}

export interface ChartTexts {
  /** Series name (the tooltip's). */
  applications: string
  /** Shown in the middle when there is nothing to draw. */
  noData: string
  /** The language of the axis labels (a site's code in brackets). */
  locale: Locale
}

// The chart draws on a canvas, which cannot read CSS variables: '#63666b' is the desk's
// secondary text colour (--el-text-color-secondary in desk-theme.css).
function frame(empty: boolean, texts: ChartTexts): Pick<ChartOption, 'title' | 'tooltip' | 'grid'> {
  return {
    title: { show: empty, text: texts.noData, left: 'center', top: 'middle', textStyle: { fontSize: 14, color: '#63666b', fontWeight: 'normal' } },
    tooltip: { trigger: 'axis' },
    grid: { left: 16, right: 24, top: 24, bottom: 16, containLabel: true },
  }
}

const COUNT_AXIS: ValueAxis = { type: 'value', minInterval: 1 }

/**
 * Applications per day: a line over every day of the range ("no data" when all are 0).
 * Straight segments: a smoothed curve overshoots between days (below 0 before a busy day),
 * drawing counts nobody recorded.
 */
export function perDayOption(overview: StatsOverview, texts: ChartTexts): ChartOption {
  const days = everyDay(overview.perDay, overview.from, overview.to)
  return {
    ...frame(days.every(day => day.count === 0), texts),
    xAxis: { type: 'category', data: days.map(day => day.date.slice(5)), axisLabel: { interval: 'auto' } },
    yAxis: COUNT_AXIS,
    series: [{ type: 'line', name: texts.applications, data: days.map(day => day.count), smooth: false, areaStyle: {} }],
  }
}

/** Applications per site: bars, busiest first. */
export function perSiteOption(overview: StatsOverview, texts: ChartTexts): ChartOption {
  const sites = [...overview.perSite].sort((a, b) => b.count - a.count)
  return {
    ...frame(sites.length === 0, texts),
    xAxis: { type: 'category', data: sites.map(site => siteLabel(site, texts.locale)), axisLabel: { interval: 0, rotate: sites.length > 6 ? 30 : 0 } },
    yAxis: COUNT_AXIS,
    series: [{ type: 'bar', name: texts.applications, data: sites.map(site => site.count), barMaxWidth: 48 }],
  }
}

/** Applications per agent: horizontal bars of the busiest TOP_AGENTS, busiest at the top. */
export function perAgentOption(overview: StatsOverview, texts: ChartTexts): ChartOption {
  const agents = [...overview.perAgent]
    .sort((a, b) => b.count - a.count || compareNames(agentLabel(a), agentLabel(b)))
    .slice(0, TOP_AGENTS)
  return {
    ...frame(agents.length === 0, texts),
    xAxis: COUNT_AXIS,
    yAxis: { type: 'category', data: agents.map(agentLabel), inverse: true },
    series: [{ type: 'bar', name: texts.applications, data: agents.map(agent => agent.count), barMaxWidth: 24 }],
  }
}
