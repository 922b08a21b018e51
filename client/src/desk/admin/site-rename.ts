/**
 * A site's name edited in its table cell (网点): what a finished edit (Enter, or leaving the
 * cell) does. A blank name is not a name, so the stored one comes back; the stored name
 * again is nothing to save; anything else is sent. Until the server has it, the cell says
 * the name is not saved (SiteNameCell.vue): typed text never passes for a stored name.
 */

export type RenameStep = { kind: 'restore' } | { kind: 'unchanged' } | { kind: 'save', name: string }

export function renameStep(typed: string, stored: string): RenameStep {
  const name = typed.trim()
  if (!name)
    return { kind: 'restore' }
  return name === stored ? { kind: 'unchanged' } : { kind: 'save', name }
}

/** The drafts' action for a name typed into a site's cell (`draftKey(staff, siteId, SITE_RENAME)`). */
export const SITE_RENAME = 'admin.sites.rename'
/** The new-site form's draft: its record and action. */
export const NEW_SITE = 'admin.sites.new'
export const SITE_FORM = 'admin.sites.form'
