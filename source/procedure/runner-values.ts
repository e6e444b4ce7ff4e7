import {isMap, isPair, isScalar, parseDocument, type Document} from 'yaml';
import {runnerTomlPrivileged, setTomlPrivileged} from './runner-toml.js';
import {applySplices, findLine, lineEnd, lineStart, type Splice} from './text-splice.js';

/** The article's changes to the chart's values.yaml (the token itself never goes in the file). */
export type RunnerValuesChange = {
  readonly gitlabUrl: string;
  /** Which key the token would have: decides the Secret's key, not the file (see `tokenKind`). */
  readonly tokenKey: 'runnerToken' | 'runnerRegistrationToken' | undefined;
  /** A Secret holding `runner-token`/`runner-registration-token`, named in `runners.secret`. */
  readonly secretName?: string;
  readonly rbacCreate: boolean;
  readonly privileged: boolean;
};

/** `glrt-` tokens are runner authentication tokens (`runnerToken`); others are legacy registration tokens. */
export function tokenKind(token: string): 'authentication' | 'registration' {
  return token.trim().startsWith('glrt-') ? 'authentication' : 'registration';
}

/** The values key a token of this kind belongs to. */
export function tokenKeyFor(token: string): 'runnerToken' | 'runnerRegistrationToken' {
  return tokenKind(token) === 'authentication' ? 'runnerToken' : 'runnerRegistrationToken';
}

type Doc = Document.Parsed;

function scalarYaml(value: string | boolean): string {
  return typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

function pairRegion(doc: Doc, path: readonly string[]) {
  // The region of a map's block: from the end of its key (so comments above the first
  // child count) to the end of the map.
  const parentPath = path.slice(0, -1);
  const key = path.at(-1);
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (!isMap(parent) || key === undefined) return undefined;
  const pair = parent.items.find(
    (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
  );
  const value = pair?.value;
  if (!pair || !isScalar(pair.key) || !isMap(value) || !pair.key.range || !value.range)
    return undefined;
  return {start: pair.key.range[2], end: value.range[2], map: value};
}

// Sets `key: value` at `path`: in place when the key exists; else on the line of a
// commented-out template (`# gitlabUrl: …`, the article's diff); else as a new line.
function setKey(text: string, doc: Doc, path: readonly string[], value: string | boolean): Splice {
  const key = path.at(-1) ?? '';
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    return {start: node.range[0], end: node.range[1], text: scalarYaml(value)};
  }

  const parentPath = path.slice(0, -1);
  const region =
    parentPath.length === 0 ? {start: 0, end: text.length} : pairRegion(doc, parentPath);
  if (!region) throw new Error(`values.yaml: \`${parentPath.join('.')}\` is not a map`);
  const indentPattern = parentPath.length === 0 ? '' : String.raw`[ \t]+`;
  const commented = findLine(
    text,
    region.start,
    region.end,
    new RegExp(String.raw`^(${indentPattern})#\s?${key}:`),
  );
  if (commented) {
    const indent = commented.match[1] ?? '';
    const newline = text.slice(commented.start, commented.end).endsWith('\n') ? '\n' : '';
    return {
      start: commented.start,
      end: commented.end,
      text: `${indent}${key}: ${scalarYaml(value)}${newline}`,
    };
  }

  if (parentPath.length === 0) {
    const separator = text.endsWith('\n') ? '' : '\n';
    return {
      start: text.length,
      end: text.length,
      text: `${separator}${key}: ${scalarYaml(value)}\n`,
    };
  }

  const first = 'map' in region ? region.map.range?.[0] : undefined;
  const at = first === undefined ? lineEnd(text, region.start) : lineStart(text, first);
  const indent = first === undefined ? '  ' : text.slice(at, first);
  return {start: at, end: at, text: `${indent}${key}: ${scalarYaml(value)}\n`};
}

function setRunnerConfig(text: string, doc: Doc, privileged: boolean): Splice | undefined {
  const node = doc.getIn(['runners', 'config'], true);
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return undefined;
  const bodyStart = lineEnd(text, node.range[0]);
  const body = text.slice(bodyStart, node.range[1]);
  const lines = body.split('\n');
  const updated = setTomlPrivileged(lines, privileged);
  return {start: bodyStart, end: node.range[1], text: updated.join('\n')};
}

function verify(result: string, change: RunnerValuesChange): void {
  const doc = parseDocument(result);
  if (doc.errors.length > 0)
    throw new Error(`values.yaml no longer parses: ${doc.errors[0]?.message ?? ''}`);
  const problems: string[] = [];
  if (doc.get('gitlabUrl') !== change.gitlabUrl) problems.push('gitlabUrl');
  if (doc.getIn(['rbac', 'create']) !== change.rbacCreate) problems.push('rbac.create');
  if (change.secretName !== undefined && doc.getIn(['runners', 'secret']) !== change.secretName)
    problems.push('runners.secret');
  const config = doc.getIn(['runners', 'config']);
  const privileged =
    typeof config === 'string'
      ? runnerTomlPrivileged(config)
      : doc.getIn(['runners', 'privileged']);
  if (privileged !== change.privileged) problems.push('privileged');
  if (problems.length > 0) throw new Error(`values.yaml: could not set ${problems.join(', ')}`);
}

/**
 * Applies the article's changes to the chart's values.yaml, touching only the lines that
 * change so that every comment and the layout stay (the diff reads like the article's).
 */
export function editRunnerValues(original: string, change: RunnerValuesChange): string {
  const doc = parseDocument(original);
  if (doc.errors.length > 0)
    throw new Error(`values.yaml does not parse: ${doc.errors[0]?.message ?? ''}`);
  const splices: Splice[] = [
    setKey(original, doc, ['gitlabUrl'], change.gitlabUrl),
    setKey(original, doc, ['rbac', 'create'], change.rbacCreate),
  ];
  // Charts from 2022 on create the ServiceAccount through `serviceAccount.create` and warn
  // when rbac.create is set without it (facts §4.3); 2021 charts have no such block.
  if (change.rbacCreate && isMap(doc.get('serviceAccount', true))) {
    splices.push(setKey(original, doc, ['serviceAccount', 'create'], true));
  }

  if (change.secretName !== undefined)
    splices.push(setKey(original, doc, ['runners', 'secret'], change.secretName));
  const config = setRunnerConfig(original, doc, change.privileged);
  // Charts before 0.23 have no runners.config template, only the flat (later deprecated) key.
  splices.push(config ?? setKey(original, doc, ['runners', 'privileged'], change.privileged));
  const result = applySplices(original, splices);
  verify(result, change);
  return result;
}
