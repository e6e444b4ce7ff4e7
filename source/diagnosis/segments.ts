import type {Segment, Speaker} from './types.js';

// The wrappers other programs put around an admission refusal, in the order they can
// appear. The article's analysis: GitLab Runner writes `ERROR: Job failed (system failure): `
// and `prepare environment: `, the Kubernetes executor `setting up build pod: `.
const prefixes: ReadonlyArray<{readonly pattern: RegExp; readonly speaker: Speaker}> = [
  {pattern: /^(?:WARNING|ERROR): Job failed(?: \(system failure\))?: /i, speaker: 'gitlab-runner'},
  {pattern: /^prepare environment: /i, speaker: 'gitlab-runner'},
  {pattern: /^setting up build pod: /i, speaker: 'kubernetes-executor'},
  {pattern: /^Error from server(?: \(\w+\))?: /i, speaker: 'kubernetes'},
  {pattern: /^Error creating: /i, speaker: 'kubernetes'},
  {pattern: /^admission webhook "[^"]*" denied the request: /i, speaker: 'kubernetes'},
];

// GitLab Runner appends this to every prepare-stage error (common/build.go).
const runnerSuffix =
  /^\.{0,2} ?Check https:\/\/docs\.gitlab\.com\/runner\/shells\/\S* for more information\.?/i;

/** Attributes the text before the core of a message to the programs that wrapped it. */
export function prefixSegments(prefix: string): Segment[] {
  const segments: Segment[] = [];
  let rest = prefix;
  let other = '';
  while (rest !== '') {
    const known = prefixes.find(({pattern}) => pattern.test(rest));
    const match = known ? known.pattern.exec(rest) : undefined;
    if (known && match) {
      if (other !== '') segments.push({text: other, speaker: 'other'});
      other = '';
      segments.push({text: match[0], speaker: known.speaker});
      rest = rest.slice(match[0].length);
    } else {
      other += rest.charAt(0);
      rest = rest.slice(1);
    }
  }

  if (other !== '') segments.push({text: other, speaker: 'other'});
  return segments;
}

/** Attributes the text after the core of a message (GitLab Runner's trailing hint, or other words). */
export function suffixSegments(suffix: string): Segment[] {
  if (suffix === '') return [];
  const match = runnerSuffix.exec(suffix);
  if (!match) return [{text: suffix, speaker: 'other'}];
  const rest = suffix.slice(match[0].length);
  return [
    {text: match[0], speaker: 'gitlab-runner'},
    ...(rest === '' ? [] : [{text: rest, speaker: 'other' as const}]),
  ];
}

/** Splits a line around a matched core [start, end) spoken by `speaker`. */
export function segmentLine(line: string, start: number, end: number, speaker: Speaker): Segment[] {
  return [
    ...prefixSegments(line.slice(0, start)),
    {text: line.slice(start, end), speaker},
    ...suffixSegments(line.slice(end)),
  ];
}
