/**
 * A tiny benchmark harness: measure, print, and assert a budget. A missed budget makes
 * `npm run bench` exit non-zero, so a regression is seen, not guessed.
 */

export interface Measurement {
  name: string
  operations: number
  seconds: number
}

export function measure(name: string, operations: number, run: (i: number) => void, warmup = Math.min(1000, operations)): Measurement {
  for (let i = 0; i < warmup; i++) run(i)
  const started = process.hrtime.bigint()
  for (let i = 0; i < operations; i++) run(i)
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  return { name, operations, seconds }
}

const failures: string[] = []

export function report(m: Measurement, budget: { minPerSecond: number }): void {
  recordFigure(m.name, m.operations / m.seconds, budget, ` (${(1e6 * m.seconds / m.operations).toFixed(1)} µs/op)`)
}

/** Prints a rate against its budget; a rate under budget fails the run. */
export function recordFigure(name: string, perSecond: number, budget: { minPerSecond: number }, extra = ''): void {
  const ok = perSecond >= budget.minPerSecond
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(48)} ${Math.round(perSecond).toLocaleString('en').padStart(10)} ops/s${extra}  (budget ≥ ${budget.minPerSecond.toLocaleString('en')} ops/s)`)
  if (!ok)
    failures.push(name)
}

export function finish(): void {
  if (failures.length) {
    console.error(`\n${failures.length} benchmark(s) missed their budget: ${failures.join(', ')}`)
    process.exitCode = 1
  }
}

/** Prints an amount against its ceiling (memory, sizes); an amount over it fails the run. */
export function recordAtMost(name: string, value: number, ceiling: number, unit: string): void {
  const ok = value <= ceiling
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(48)} ${value.toFixed(1).padStart(10)} ${unit}  (budget ≤ ${ceiling} ${unit})`)
  if (!ok)
    failures.push(name)
}

/** Prints a ratio or other figure against its floor (accuracy); a figure under it fails the run. */
export function recordAtLeast(name: string, value: number, floor: number, digits = 3): void {
  const ok = value >= floor
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(48)} ${value.toFixed(digits).padStart(10)}  (target ≥ ${floor})`)
  if (!ok)
    failures.push(name)
}
