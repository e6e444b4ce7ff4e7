import type {ParamValue} from './types.js';
import type {OutputValue} from '../actions/types.js';

// `{{ name | filter | filter('arg') }}` — a deliberately tiny language: names are looked up,
// filters are a fixed list, nothing is ever evaluated.

/** The values a template can name. */
export type TemplateScope = {
  readonly params: Readonly<Record<string, ParamValue | undefined>>;
  readonly outputs: Readonly<Record<string, Readonly<Record<string, OutputValue>>>>;
  readonly workdir: string;
  readonly home: string;
  readonly profile: string;
  readonly lang: string;
  /** For previews (`plan`): what to show for a value not known yet, instead of failing. */
  readonly placeholder?: (name: string) => string;
};

/** A reference found in a template: `params.x`, `outputs.step.key`, or a bare name. */
export type TemplateRef = {
  readonly root: string;
  readonly parts: readonly string[];
  readonly filters: readonly Filter[];
};

type Filter = {readonly name: string; readonly arg?: string};

/** A template that cannot be parsed or rendered. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

const expressionPattern = /\{\{(.*?)\}\}/gs;
const namePattern = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*$/;
const filterPattern = /^([a-z0-9]+)(?:\(\s*(?:'([^']*)'|"([^"]*)")\s*\))?$/;
const knownFilters = new Set(['json', 'yaml', 'base64', 'default']);
const bareNames = new Set(['workdir', 'home', 'profile', 'lang']);

/** True when the text holds at least one `{{ … }}`. */
export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

/** Parses every `{{ … }}` of a text; throws a TemplateError on a malformed one. */
export function parseRefs(text: string): TemplateRef[] {
  return [...text.matchAll(expressionPattern)].map((match) => parseExpression(match[1] ?? ''));
}

/** Renders a text: each `{{ … }}` replaced by its value. */
export function render(text: string, scope: TemplateScope): string {
  if (!hasTemplate(text)) {
    return text;
  }

  return text.replaceAll(expressionPattern, (_, inner: string) =>
    applyFilters(lookup(parseExpression(inner), scope), parseExpression(inner), scope),
  );
}

/** Renders every string inside a value (arrays and objects recursively). */
export function renderDeep(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === 'string') {
    return render(value, scope);
  }

  if (Array.isArray(value)) {
    return value.map((item: unknown) => renderDeep(item, scope));
  }

  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, renderDeep(item, scope)]),
    );
  }

  return value;
}

function parseExpression(inner: string): TemplateRef {
  const [head = '', ...rest] = inner.split('|').map((part) => part.trim());
  if (!namePattern.test(head)) {
    throw new TemplateError(`cannot read template expression "{{${inner}}}"`);
  }

  const [root = '', ...parts] = head.split('.');
  const filters = rest.map((text) => {
    const match = filterPattern.exec(text);
    if (!match?.[1] || !knownFilters.has(match[1])) {
      throw new TemplateError(
        `unknown filter "${text}" in "{{${inner}}}" (known: json, yaml, base64, default('x'))`,
      );
    }

    const arg = match[2] ?? match[3];
    return arg === undefined ? {name: match[1]} : {name: match[1], arg};
  });
  if (
    root === 'params'
      ? parts.length !== 1
      : root === 'outputs'
        ? parts.length !== 2
        : !bareNames.has(root) || parts.length > 0
  ) {
    throw new TemplateError(
      `unknown name "${head}" in "{{${inner}}}" (known: params.ID, outputs.STEP.KEY, workdir, home, profile, lang)`,
    );
  }

  return {root, parts, filters};
}

function lookup(ref: TemplateRef, scope: TemplateScope): ParamValue | undefined {
  if (ref.root === 'params') {
    return scope.params[ref.parts[0] ?? ''];
  }

  if (ref.root === 'outputs') {
    return scope.outputs[ref.parts[0] ?? '']?.[ref.parts[1] ?? ''];
  }

  const bare: Record<string, string> = {
    workdir: scope.workdir,
    home: scope.home,
    profile: scope.profile,
    lang: scope.lang,
  };
  return bare[ref.root];
}

function applyFilters(
  value: ParamValue | undefined,
  ref: TemplateRef,
  scope: TemplateScope,
): string {
  let current = value;
  let text: string | undefined;
  for (const filter of ref.filters) {
    const input = text ?? current;
    if (filter.name === 'default') {
      if (input === undefined || input === '') {
        current = filter.arg ?? '';
        text = undefined;
      }

      continue;
    }

    if (input === undefined) {
      return absent(ref, scope);
    }

    text =
      filter.name === 'json'
        ? JSON.stringify(input)
        : filter.name === 'yaml'
          ? yamlScalar(input)
          : Buffer.from(String(input)).toString('base64');
  }

  if (text !== undefined) {
    return text;
  }

  if (current === undefined) {
    return absent(ref, scope);
  }

  return String(current);
}

function absent(ref: TemplateRef, scope: TemplateScope): string {
  const name = [ref.root, ...ref.parts].join('.');
  if (scope.placeholder) {
    return scope.placeholder(name);
  }

  throw missing(ref);
}

function missing(ref: TemplateRef): TemplateError {
  return new TemplateError(`"${[ref.root, ...ref.parts].join('.')}" has no value yet`);
}

const plainScalar = /^[A-Za-z_/][\w./:@-]*$/;
const ambiguous = /^(?:true|false|yes|no|on|off|null|~|y|n)$/i;

// A string as a YAML scalar: plain when that cannot change its meaning, else double-quoted
// (a JSON string is a valid YAML double-quoted scalar).
function yamlScalar(value: ParamValue): string {
  if (typeof value !== 'string') {
    return String(value);
  }

  return plainScalar.test(value) && !ambiguous.test(value) && !value.endsWith(':')
    ? value
    : JSON.stringify(value);
}
