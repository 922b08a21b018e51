import type { Rule } from './rule-context'
import { z } from 'zod'
import { checkUscc } from '../../identity/uscc'
import { usccFormat } from '../field-schemas'

const flag = z.boolean()

/**
 * A USCC whose check character fails is not refused outright: a few legitimate early codes
 * fail it. The agent must compare it with the licence and confirm (an error until then);
 * once confirmed it stays a warning that the reviewer sees.
 */
export const organisationRule: Rule = (ctx) => {
  const uscc = ctx.read('organisation.uscc', usccFormat)
  if (uscc === undefined)
    return
  const checked = checkUscc(uscc)
  if (!checked.ok || checked.value.checksumValid)
    return
  if (ctx.read('organisation.usccCheckConfirmed', flag) === true)
    ctx.warn('organisation.uscc', 'uscc.checksum')
  else
    ctx.error('organisation.uscc', 'uscc.checksum_unconfirmed')
}
