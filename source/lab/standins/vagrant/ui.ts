import type {ScriptItem} from '../common/script.js';

// Vagrant's two UIs (lib/vagrant/ui.rb): the human one prefixes machine messages with
// `==> node1: ` (info) or `    node1: ` (detail); the machine-readable one prints
// `timestamp,target,type,data…` with `,` → `%!(VAGRANT_COMMA)`, newline → `\n`, CR → `\r`.

/** Escapes one machine-readable data field as Vagrant does. */
export function escapeField(text: string): string {
  return text
    .replaceAll(',', '%!(VAGRANT_COMMA)')
    .replaceAll('\n', String.raw`\n`)
    .replaceAll('\r', String.raw`\r`);
}

/** Reverses escapeField. */
export function unescapeField(text: string): string {
  return text
    .replaceAll('%!(VAGRANT_COMMA)', ',')
    .replaceAll(String.raw`\n`, '\n')
    .replaceAll(String.raw`\r`, '\r');
}

/** One machine-readable line. */
export function machineLine(target: string, type: string, ...data: readonly string[]): string {
  const timestamp = Math.floor(Date.now() / 1000);
  return [String(timestamp), target, type, ...data.map((field) => escapeField(field))].join(',');
}

/** The message levels of Vagrant's UI. */
export type UiLevel = 'info' | 'warn' | 'error' | 'output' | 'success' | 'detail';

/** Builds a vagrant command's script in the human or machine-readable form. */
export class VagrantUi {
  readonly items: ScriptItem[] = [];
  readonly machineReadable: boolean;

  constructor(machineReadable: boolean) {
    this.machineReadable = machineReadable;
  }

  /** A global message (no machine prefix). */
  say(level: UiLevel, text: string): void {
    if (this.machineReadable) this.items.push({line: machineLine('', 'ui', level, text)});
    else
      for (const line of text.split('\n'))
        this.items.push({line, stream: level === 'error' ? 'stderr' : 'stdout'});
  }

  /** A machine's message: `==> name: text` (detail: `    name: text`). */
  machine(name: string, level: UiLevel, text: string): void {
    const prefix = level === 'detail' ? `    ${name}: ` : `==> ${name}: `;
    const prefixed = text
      .split('\n')
      .map((line) => `${prefix}${line}`)
      .join('\n');
    if (this.machineReadable) this.items.push({line: machineLine(name, 'ui', level, prefixed)});
    else
      for (const line of prefixed.split('\n'))
        this.items.push({line, stream: level === 'error' ? 'stderr' : 'stdout'});
  }

  /** A machine-readable-only record (`state`, `action`, `metadata` …). */
  record(target: string, type: string, ...data: readonly string[]): void {
    if (this.machineReadable) this.items.push({line: machineLine(target, type, ...data)});
  }

  pause(ms: number): void {
    this.items.push({pause: ms});
  }

  act(run: () => Promise<void>): void {
    this.items.push({act: run});
  }

  /** Vagrant's error exit: the message, and in machine-readable mode an `error-exit` record. */
  error(errorClass: string, message: string): void {
    if (this.machineReadable) {
      this.items.push({line: machineLine('', 'ui', 'error', message)});
      this.items.push({line: machineLine('', 'error-exit', errorClass, message)});
    } else {
      this.say('error', message);
    }
  }
}
