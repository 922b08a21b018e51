import type { Directive } from 'vue'

/**
 * `v-described-by="id"` on a Vant field: its input names the element `id` as its description
 * (`aria-describedby`), so a screen reader reads a help line shown under the field (see
 * `.field-help` in field-theme.css) with the input, as it read the placeholder that line
 * replaced. Vant's Field passes no such attribute to its input. `undefined` removes it.
 */
function describe(field: HTMLElement, id: string | undefined): void {
  const input = field.querySelector('input, textarea')
  if (!input)
    return
  if (id)
    input.setAttribute('aria-describedby', id)
  else
    input.removeAttribute('aria-describedby')
}

export const vDescribedBy: Directive<HTMLElement, string | undefined> = {
  mounted: (field, { value }) => describe(field, value),
  updated: (field, { value }) => describe(field, value),
}
