import type {PlannedEffect} from '../actions/types.js';
import type {UiStrings} from './strings.js';
import {line, type DocLine} from './doc-lines.js';
import {colors} from './theme.js';
import {wrapText} from './text-layout.js';

const plain = /^[\w@%+=:,./-]+$/;

/** An argument as a person would type it: quoted only when it needs to be (display only, never run). */
export function showArg(arg: string): string {
  return plain.test(arg) ? arg : `'${arg.replaceAll("'", String.raw`'\''`)}'`;
}

/** Colours a unified diff line by line. */
export function diffLines(diff: string, indent = '  '): DocLine[] {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => {
      if (text.startsWith('+++') || text.startsWith('---'))
        return line(indent + text, {bold: true});
      if (text.startsWith('@@')) return line(indent + text, {color: colors.hunk});
      if (text.startsWith('+')) return line(indent + text, {color: colors.added});
      if (text.startsWith('-')) return line(indent + text, {color: colors.removed});
      return line(indent + text);
    });
}

function block(text: string, limit: number): DocLine[] {
  const rows = text.replace(/\n$/, '').split('\n');
  const shown = rows.slice(0, limit).map((row) => line('  ' + row, {dim: true}));
  return rows.length > limit
    ? [...shown, line(`  … (+${rows.length - limit})`, {dim: true})]
    : shown;
}

/** The lines that show what a step will do: commands, files, manifests, requests, diffs. */
export function effectLines(
  effects: readonly PlannedEffect[],
  strings: UiStrings,
  width: number,
): DocLine[] {
  if (effects.length === 0) return [line(strings.nothingToDo, {dim: true})];
  const out: DocLine[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case 'command': {
        const command = ['$', effect.file, ...effect.args.map((arg) => showArg(arg))].join(' ');
        const rows = wrapText(command, width - 4);
        out.push(...rows.map((row, index) => line(index === 0 ? row : `    ${row}`, {bold: true})));
        if (effect.env && effect.env.length > 0) {
          out.push(line(`  ${strings.envFrom}: ${effect.env.join(' ')}`, {dim: true}));
        }

        if (effect.stdin !== undefined) out.push(line(`  ${strings.stdinGiven}`, {dim: true}));
        break;
      }

      case 'file': {
        out.push(line(`${strings.file} ${effect.path}`, {bold: true}));
        out.push(...(effect.diff ? diffLines(effect.diff) : block(effect.content, 12)));
        break;
      }

      case 'manifest': {
        const verb = effect.action === 'apply' ? strings.manifestApply : strings.manifestDelete;
        out.push(line(verb, {bold: true}), ...block(effect.yaml, 40));
        break;
      }

      case 'request': {
        out.push(line(`${strings.request} ${effect.method} ${effect.url}`, {bold: true}));
        if (effect.diff) out.push(...diffLines(effect.diff));
        else if (effect.body) out.push(...block(effect.body, 12));
        break;
      }

      case 'note': {
        const rows = wrapText(`${strings.note}: ${effect.text}`, width - 2);
        out.push(...rows.map((row, index) => line(index === 0 ? row : `  ${row}`, {dim: true})));

        break;
      }
    }
  }

  return out;
}
