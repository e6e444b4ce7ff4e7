/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One figure a benchmark reports, with its target. */
export type Figure = {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
  /** 'max': value must be ≤ target; 'min': value must be ≥ target. */
  readonly kind: 'max' | 'min';
  readonly note?: string;
};

/** Prints figures as a table and returns whether all met their targets. */
export function report(title: string, figures: readonly Figure[]): boolean {
  process.stdout.write(`\n${title}\n`);
  let ok = true;
  for (const figure of figures) {
    const met =
      figure.kind === 'max' ? figure.value <= figure.target : figure.value >= figure.target;
    ok &&= met;
    const mark = met ? 'ok  ' : 'MISS';
    const sign = figure.kind === 'max' ? '≤' : '≥';
    process.stdout.write(
      `  ${mark} ${figure.name.padEnd(44)} ${figure.value.toFixed(2).padStart(9)} ${figure.unit.padEnd(4)} (target ${sign} ${figure.target}${figure.note ? `; ${figure.note}` : ''})\n`,
    );
  }
  return ok;
}
