import type { Rule } from './rule-context'
import { findCategory } from '../../programme/programme.schema'
import { PaymentSchema } from '../application.schema'
import { yuanDecimal } from '../payment-amount'

/**
 * The joining fee is recorded, not processed: a category with a fee needs a payment record
 * of exactly that amount, or a waiver with amount 0; a free category records nothing or a
 * waiver. The fee goes into the issue as `amount: '200.00'` (yuanDecimal), the form tablets
 * already read; messages print it as money is printed (`¥200.00`, format-issue.ts).
 */
export const paymentRule: Rule = (ctx) => {
  const categoryCode = ctx.raw('category')
  const category = typeof categoryCode === 'string' ? findCategory(ctx.settings, categoryCode) : undefined
  if (!category)
    return
  const payment = ctx.read('payment', PaymentSchema)
  if (ctx.raw('payment') === undefined) {
    if (category.feeFen > 0)
      ctx.error('payment', 'payment.required', { amount: yuanDecimal(category.feeFen) })
    return
  }
  if (!payment)
    return
  if (payment.method === 'waived') {
    if (payment.amountFen !== 0)
      ctx.error('payment.amountFen', 'payment.waived_not_zero')
  }
  else if (payment.amountFen !== category.feeFen) {
    ctx.error('payment.amountFen', 'payment.amount_mismatch', { amount: yuanDecimal(category.feeFen) })
  }
}
