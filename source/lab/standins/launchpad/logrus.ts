// Launchpad's stdout: logrus TextFormatter{ForceColors: true, DisableTimestamp: true}, so
// every line is `ESC[<colour>m<LEVEL>ESC[0m <message padded to 44> ` — colours even in a pipe.

/** logrus levels as Launchpad prints them (cut to four characters). */
export type LogLevel = 'INFO' | 'WARN' | 'ERRO' | 'FATA' | 'DEBU';

const colours: Readonly<Record<LogLevel, number>> = {
  INFO: 36,
  WARN: 33,
  ERRO: 31,
  FATA: 31,
  DEBU: 37,
};

/** One log line in logrus's coloured text format. */
export function logLine(level: LogLevel, message: string): string {
  return `\u001B[${colours[level]}m${level}\u001B[0m ${message.padEnd(44)} `;
}

/** `==> Running phase: <title>` with aurora's green arrow. */
export function phaseLine(title: string): string {
  return logLine('INFO', `\u001B[32m==>\u001B[0m Running phase: ${title}`);
}

/** A host-scoped message: rig's connection string first. */
export function hostMessage(address: string, port: number, message: string): string {
  return `[ssh] ${address}:${port}: ${message}`;
}
