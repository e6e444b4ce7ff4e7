import {existsSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

// The one chart the lab's helm knows, gitlab/gitlab-runner, in the lab's chart era.

/** A chart version the lab serves. */
export type ChartEra = '2021' | 'current';

/** The chart's metadata per era. */
export type ChartInfo = {
  readonly era: ChartEra;
  readonly name: 'gitlab-runner';
  readonly version: string;
  readonly appVersion: string;
  readonly valuesFile: string;
};

const charts: Readonly<Record<ChartEra, Omit<ChartInfo, 'era'>>> = {
  '2021': {
    name: 'gitlab-runner',
    version: '0.37.2',
    appVersion: '14.7.0',
    valuesFile: 'gitlab-runner-0.37.2-values.yaml',
  },
  current: {
    name: 'gitlab-runner',
    version: '0.86.0',
    appVersion: '18.9.0',
    valuesFile: 'gitlab-runner-0.86.0-values.yaml',
  },
};

/** The chart for an era. */
export function chartFor(era: ChartEra): ChartInfo {
  return {era, ...charts[era]};
}

/** assets/lab/chart, found upwards from this module (source tree or dist bundle). */
function chartDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'assets', 'lab', 'chart');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('the lab chart assets (assets/lab/chart) are missing');
    dir = parent;
  }
}

/** The chart's default values.yaml text, as `helm show values` prints it. */
export async function defaultValuesText(chart: ChartInfo): Promise<string> {
  return readFile(path.join(chartDir(), chart.valuesFile), 'utf8');
}
