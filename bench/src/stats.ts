/** Medians, spreads and the plain-text table the harness prints. */

export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export interface Spread {
  readonly median: number
  readonly min: number
  readonly max: number
}

export const spread = (values: ReadonlyArray<number>): Spread => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values)
})

/** The median of the pairwise ratios a[i] / b[i] (runs taken in turn, so drift cancels). */
export const pairedRatio = (a: ReadonlyArray<number>, b: ReadonlyArray<number>): number =>
  median(a.map((x, i) => x / b[i]!))

const digits = (n: number): string =>
  !Number.isFinite(n)
    ? "–"
    : Math.abs(n) >= 100
      ? n.toFixed(0)
      : Math.abs(n) >= 10
        ? n.toFixed(1)
        : n.toFixed(2)

/** `median (min–max)`, or just the value for a single run. */
export const showSpread = (s: Spread): string =>
  s.min === s.max ? digits(s.median) : `${digits(s.median)} (${digits(s.min)}–${digits(s.max)})`

export const showNumber = digits

export const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–")

/** Columns padded to their widest cell; the first `left` columns left-aligned, the rest right-aligned. */
export const table = (
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  left = 2
): string => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells
      .map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join("  ")
      .trimEnd()
  const rule = widths.map((w) => "-".repeat(w)).join("  ")
  return [line(header), rule, ...rows.map(line)].join("\n")
}
