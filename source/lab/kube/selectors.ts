// Label and field selectors (`?labelSelector=app=x,tier!=db`, `?fieldSelector=status.phase=Running`).
import type {LabObject} from '../types.js';
import {isRecord} from './json.js';
import {badRequest} from './status.js';

type Requirement = {
  readonly key: string;
  readonly operator: 'eq' | 'ne' | 'in' | 'notin' | 'exists' | 'absent';
  readonly values: readonly string[];
};

/** A parsed selector: all requirements must hold. */
export type Selector = readonly Requirement[];

// Splits on commas that are not inside `( … )`.
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }

  terms.push(current);
  return terms.map((term) => term.trim()).filter((term) => term !== '');
}

function parseTerm(term: string, kind: 'label' | 'field'): Requirement {
  const setMatch = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (setMatch && kind === 'label') {
    const values = (setMatch[3] ?? '').split(',').map((value) => value.trim());
    return {key: setMatch[1] ?? '', operator: setMatch[2] === 'in' ? 'in' : 'notin', values};
  }

  const match = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
  if (match) {
    return {
      key: match[1] ?? '',
      operator: match[2] === '!=' ? 'ne' : 'eq',
      values: [match[3] ?? ''],
    };
  }

  if (kind === 'label' && /^!?[^\s!=(),]+$/.test(term)) {
    return term.startsWith('!')
      ? {key: term.slice(1), operator: 'absent', values: []}
      : {key: term, operator: 'exists', values: []};
  }

  throw badRequest(
    kind === 'label'
      ? `unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`
      : `invalid selector: '${term}'; can't understand '${term}'`,
  );
}

/** Parses a label selector; throws a 400 Status when it cannot. */
export function parseLabelSelector(text: string | undefined): Selector {
  return text ? splitTerms(text).map((term) => parseTerm(term, 'label')) : [];
}

/** Parses a field selector; throws a 400 Status when it cannot. */
export function parseFieldSelector(text: string | undefined): Selector {
  return text ? splitTerms(text).map((term) => parseTerm(term, 'field')) : [];
}

function holds(requirement: Requirement, value: string | undefined): boolean {
  switch (requirement.operator) {
    case 'eq': {
      return (value ?? '') === requirement.values[0];
    }

    case 'ne': {
      return (value ?? '') !== requirement.values[0];
    }

    case 'in': {
      return value !== undefined && requirement.values.includes(value);
    }

    case 'notin': {
      return value === undefined || !requirement.values.includes(value);
    }

    case 'exists': {
      return value !== undefined;
    }

    case 'absent': {
      return value === undefined;
    }
  }
}

/** Whether the object's labels satisfy the selector. */
export function matchesLabels(object: LabObject, selector: Selector): boolean {
  const labels = object.metadata.labels ?? {};
  return selector.every((requirement) =>
    holds(
      requirement,
      Object.hasOwn(labels, requirement.key) ? labels[requirement.key] : undefined,
    ),
  );
}

/** The scalar at a dotted path (`spec.nodeName`), as a string. */
export function fieldValue(object: unknown, path: string): string | undefined {
  let current: unknown = object;
  for (const part of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, part)) {
      return undefined;
    }

    current = current[part];
  }

  return typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean'
    ? String(current)
    : undefined;
}

/** Whether the object's fields satisfy the selector. */
export function matchesFields(object: LabObject, selector: Selector): boolean {
  return selector.every((requirement) => holds(requirement, fieldValue(object, requirement.key)));
}
