import type { Locale } from '#shared/i18n/locale'
import type { MemberCategory, ProgrammeSettings } from '#shared/programme/programme.schema'
import type { ProgrammeLabels } from './programme-form'
import { flattenLeaves, sameValue } from '#shared/application/application-paths'
import { labelled, listed } from '#shared/i18n/punctuation'
import { placeOf } from './programme-form'

/**
 * What a publication would change, in brief, for the confirmation before it (every tablet
 * takes the new version at its next sync, so the administrator reads what goes out).
 * Categories are compared by code — a category removed from the middle of the list is one
 * removal, not a change to every category after it — and named by name; the other settings
 * by the screen's labels, each once; a notice's or the terms' version label as from → to.
 * Pure: no Vue.
 */

export interface CategoryWords {
  added: (name: string) => string
  removed: (name: string) => string
  changed: (name: string) => string
}

const VERSION_LABELS = new Set(['privacyNoticeVersion', 'memberTermsVersion'])

function nameOf(category: MemberCategory, locale: Locale): string {
  return category.name[locale] || category.code
}

function categoryChanges(before: ProgrammeSettings, after: ProgrammeSettings, locale: Locale, label: string, words: CategoryWords): string[] {
  const old = new Map(before.categories.map(c => [c.code, c]))
  const now = new Set(after.categories.map(c => c.code))
  const parts: string[] = []
  for (const category of after.categories) {
    const was = old.get(category.code)
    if (!was)
      parts.push(words.added(nameOf(category, locale)))
    else if (JSON.stringify(was) !== JSON.stringify(category))
      parts.push(words.changed(nameOf(category, locale)))
  }
  for (const category of before.categories.filter(c => !now.has(c.code)))
    parts.push(words.removed(nameOf(category, locale)))
  return parts.length ? [labelled(label, listed(parts, locale), locale)] : []
}

/** One line per thing changed; empty when the edited settings are the published ones. */
export function programmeChanges(before: ProgrammeSettings, after: ProgrammeSettings, locale: Locale, labels: ProgrammeLabels, words: CategoryWords): string[] {
  const { categories: _before, ...restBefore } = before
  const { categories: _after, ...restAfter } = after
  const old = new Map(flattenLeaves(restBefore).map(leaf => [leaf.path, leaf.value]))
  const now = new Map(flattenLeaves(restAfter).map(leaf => [leaf.path, leaf.value]))
  const places = new Set<string>()
  for (const path of new Set([...now.keys(), ...old.keys()])) {
    if (sameValue(old.get(path), now.get(path)))
      continue
    const place = placeOf(after, path.split('.'), locale, labels)
    places.add(VERSION_LABELS.has(path) ? `${place} ${String(old.get(path) ?? '—')} → ${String(now.get(path) ?? '—')}` : place)
  }
  return [...categoryChanges(before, after, locale, labels.categories, words), ...places]
}
