import {commandSpecs, flagSpecs} from './flags.js';

/** The `--help` text: every command and every flag, one line each, and the exit codes. */
export function helpText(version: string): string {
  const commandWidth = Math.max(...commandSpecs.map((spec) => spec.usage.length));
  const flagUsage = (spec: (typeof flagSpecs)[number]): string =>
    `${spec.short ? `-${spec.short}, ` : '    '}--${spec.name}${spec.value ? ` ${spec.value}` : ''}`;
  const flagWidth = Math.max(...flagSpecs.map((spec) => flagUsage(spec).length));
  return [
    `mke-runbook ${version} — stand up GitLab Runner on Mirantis Kubernetes Engine, step by step`,
    '',
    'Usage: mke-runbook [COMMAND] [FLAGS]',
    '',
    'Commands:',
    ...commandSpecs.map((spec) => `  ${spec.usage.padEnd(commandWidth)}  ${spec.help}`),
    '',
    'Flags:',
    ...flagSpecs.map((spec) => {
      const only = spec.commands ? ` [${spec.commands.join(', ')}]` : '';
      return `  ${flagUsage(spec).padEnd(flagWidth)}  ${spec.help}${only}`;
    }),
    '',
    'Exit codes: 0 done, 1 a step failed, 2 usage or input error, 3 refused (profile in use, unsafe state),',
    '            129/130/143 interrupted (terminal closed / Ctrl-C / SIGTERM).',
    'State and logs: <state dir>/profiles/<profile>/ (state.json, logs/, work/).',
    '',
  ].join('\n');
}
