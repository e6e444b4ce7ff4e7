import type {Diagnosis} from './types.js';
import {cleanLines} from './clean-text.js';
import {commonFailures, type FailurePattern} from './common-failures.js';
import {segmentLine} from './segments.js';
import {recogniseUcpAuthorization} from './ucp-authorization.js';

function fieldsOf(line: string, failure: FailurePattern, match: RegExpExecArray) {
  const fields: Record<string, string> = {};
  for (const pattern of [...(failure.extra ?? []), failure.pattern]) {
    const found = pattern === failure.pattern ? match : pattern.exec(line);
    for (const [key, value] of Object.entries(found?.groups ?? {})) {
      if (value !== undefined && value !== '') fields[key] = value;
    }
  }

  return fields;
}

function recogniseCommon(line: string): Diagnosis | undefined {
  for (const failure of commonFailures) {
    const match = failure.pattern.exec(line);
    if (!match || (failure.context && !failure.context.test(line))) continue;
    return {
      id: failure.id,
      title: failure.title,
      explanation: failure.explanation,
      line,
      segments: segmentLine(line, match.index, match.index + match[0].length, failure.speaker),
      fields: fieldsOf(line, failure, match),
      next: {
        hint: failure.hint,
        ...(failure.stepId === undefined ? {} : {stepId: failure.stepId}),
        ...(failure.branchId === undefined ? {} : {branchId: failure.branchId}),
      },
    };
  }

  return undefined;
}

/**
 * Finds the failures the procedure knows in a job trace, a runner log, an event or an API
 * error: ANSI codes and GitLab section markers stripped, case-insensitive. One diagnosis
 * per distinct (kind, line), in the order found.
 */
export function diagnose(text: string): Diagnosis[] {
  const found: Diagnosis[] = [];
  const seen = new Set<string>();
  for (const line of cleanLines(text)) {
    const diagnosis = recogniseUcpAuthorization(line) ?? recogniseCommon(line);
    if (!diagnosis) continue;
    const key = `${diagnosis.id}\n${line.trim()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(diagnosis);
  }

  return found;
}
