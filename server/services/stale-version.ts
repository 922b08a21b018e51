/**
 * Thrown inside a transaction when the record is no longer at the version the change was
 * made on (If-Match, or a concurrent writer got there first): the transaction rolls back
 * and the service answers 409 with the record as it now is.
 */
export class StaleVersion extends Error {
  constructor() {
    super('stale version')
  }
}
