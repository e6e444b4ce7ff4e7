// Reads the Vagrantfile our runbook writes (and hand-written ones of the same shape) without
// Ruby: `Vagrant.configure("2")`, `config.vm.box`, and either a `(1..N).each do |i|` loop
// defining `"node#{i}"` with a `private_network` ip built from `#{i}`, or explicit
// `config.vm.define "name"` blocks. Anything else is a Vagrantfile this stand-in cannot read.

/** A machine the Vagrantfile defines. */
export type VagrantMachine = {
  readonly name: string;
  readonly address: string;
  readonly memory: number;
};

/** What the stand-in understands of a Vagrantfile. */
export type VagrantConfig = {
  readonly box: string;
  readonly machines: readonly VagrantMachine[];
};

/** Why a Vagrantfile could not be read, in the words Vagrant would use. */
export type VagrantfileProblem = {readonly kind: 'syntax' | 'load'; readonly detail: string};

const defaultMemory = 1024;

/** Replaces `#{i}` and `#{N + i}`-style interpolations for one loop index. */
function interpolate(text: string, variable: string, value: number): string {
  return text.replaceAll(/#\{([^}]*)\}/g, (whole, expression: string) => {
    const trimmed = expression.replaceAll(/\s+/g, '');
    if (trimmed === variable) return String(value);
    const sum = new RegExp(`^(\\d+)\\+${variable}$|^${variable}\\+(\\d+)$`).exec(trimmed);
    if (sum) return String(Number(sum[1] ?? sum[2]) + value);
    return whole;
  });
}

function blockBalance(text: string): number {
  const code = text.replaceAll(/#(?!\{).*$/gm, '').replaceAll(/"(?:[^"\\]|\\.)*"/g, '""');
  const opens = (code.match(/\bdo\b|^\s*(?:if|unless|case|def|begin)\b/gm) ?? []).length;
  const ends = (code.match(/^\s*end\b/gm) ?? []).length;
  return opens - ends;
}

function memoryIn(text: string): number | undefined {
  const match = /\.memory\s*=\s*"?(\d+)"?/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function addressIn(text: string): string | undefined {
  const match = /\.network\s+:?"?private_network"?\s*,\s*(?:ip:|:ip\s*=>)\s*"([^"]+)"/.exec(text);
  return match?.[1];
}

/** Parses a Vagrantfile's text. */
export function parseVagrantfile(text: string): VagrantConfig | VagrantfileProblem {
  if (!/Vagrant\.configure\(\s*["']2["']\s*\)\s*do\s*\|\s*\w+\s*\|/.test(text)) {
    return {
      kind: 'load',
      detail: 'undefined method or missing `Vagrant.configure("2") do |config|`',
    };
  }

  const balance = blockBalance(text);
  if (balance !== 0) {
    return {
      kind: 'syntax',
      detail:
        balance > 0
          ? "syntax error, unexpected end-of-input, expecting `end'"
          : "syntax error, unexpected `end'",
    };
  }

  const box = /\.vm\.box\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (!box) return {kind: 'load', detail: 'no `config.vm.box` is set'};
  const globalMemory = memoryIn(text.split(/\.vm\.define/)[0] ?? '') ?? defaultMemory;

  const loop = /\((\d+)\s*\.\.\s*(\d+)\)\.each\s+do\s*\|\s*(\w+)\s*\|([\s\S]*)/.exec(text);
  if (loop) {
    const [, from, to, variable = 'i', body = ''] = loop;
    const name = /\.vm\.define\s+"([^"]+)"/.exec(body)?.[1];
    if (!name) return {kind: 'load', detail: 'a loop that defines no machine'};
    const machines: VagrantMachine[] = [];
    for (let index = Number(from); index <= Number(to); index++) {
      const address = addressIn(body);
      machines.push({
        name: interpolate(name, variable, index),
        address: address ? interpolate(address, variable, index) : '',
        memory: memoryIn(body) ?? globalMemory,
      });
    }

    return {box, machines};
  }

  const defines = [...text.matchAll(/\.vm\.define\s+["']([^"']+)["']/g)];
  const machines = defines.map((match, index) => {
    const start = match.index;
    const end = defines[index + 1]?.index ?? text.length;
    const body = text.slice(start, end);
    return {
      name: match[1] ?? 'default',
      address: addressIn(body) ?? '',
      memory: memoryIn(body) ?? globalMemory,
    };
  });
  if (machines.length === 0) {
    return {
      box,
      machines: [{name: 'default', address: addressIn(text) ?? '', memory: globalMemory}],
    };
  }

  return {box, machines};
}
