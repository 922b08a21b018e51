import type { MemberCategory, ProgrammeSettings } from '#shared/programme/programme.schema'
import { MemberCategorySchema, MemberLevelSchema, ProgrammeSettingsSchema } from '#shared/programme/programme.schema'

/**
 * The rules of the programme settings screen (会员计划), kept out of the page so they are
 * tested: what a new category or level starts as, whether a code the administrator typed
 * may be used, and what stands between the edited settings and publishing them. Every
 * check is the shared schema's, so the screen refuses exactly what the server would.
 */

export type LevelDraft = MemberCategory['levels'][number]

/** Why a code cannot be added: not the schema's shape (`a-z`, then `a-z0-9_`, ≤ 32), or already taken. */
export type CodeProblem = 'format' | 'duplicate'

function codeProblem(code: string, taken: readonly string[], rule: { safeParse: (value: unknown) => { success: boolean } }): CodeProblem | null {
  if (!rule.safeParse(code).success)
    return 'format'
  return taken.includes(code) ? 'duplicate' : null
}

/** Whether `code` may name a new category of `settings` (unique within the programme). */
export function categoryCodeProblem(settings: ProgrammeSettings, code: string): CodeProblem | null {
  return codeProblem(code, settings.categories.map(category => category.code), MemberCategorySchema.shape.code)
}

/** Whether `code` may name a new level of `category` (unique within the category). */
export function levelCodeProblem(category: MemberCategory, code: string): CodeProblem | null {
  return codeProblem(code, category.levels.map(level => level.code), MemberLevelSchema.shape.code)
}

/**
 * A new category: named after its code in both languages until the administrator names it,
 * for individuals, free, adult (18), asking for both sides of the ID, with no levels — the
 * most common shape, and valid as it stands.
 */
export function newCategory(code: string): MemberCategory {
  return {
    code,
    name: { 'zh-CN': code, 'en': code },
    applicantTypes: ['individual'],
    levels: [],
    minimumAge: 18,
    feeFen: 0,
    requiredMaterials: { individual: ['id_front', 'id_back'], family: [], organisation: [] },
  }
}

/** A new level, named after its code until the administrator names it. */
export function newLevel(code: string): LevelDraft {
  return { code, name: { 'zh-CN': code, 'en': code } }
}

export interface SettingsIssue {
  /** Where, readable: a category by its code (`vip › levels › 0 › name › en`). */
  where: string
  message: string
}

/** What the shared schema finds wrong with the edited settings; empty when they may be published. */
export function settingsIssues(settings: ProgrammeSettings): SettingsIssue[] {
  const parsed = ProgrammeSettingsSchema.safeParse(settings)
  if (parsed.success)
    return []
  return parsed.error.issues.map((issue) => {
    const path = issue.path.map(String)
    if (path[0] === 'categories' && path.length > 1) {
      const category = settings.categories[Number(path[1])]
      path.splice(0, 2, category?.code || `#${Number(path[1]) + 1}`)
    }
    return { where: path.join(' › ') || '—', message: issue.message }
  })
}
