import type {RunnerEra} from './build-pod.js';

// The runner manager's own log lines (logrus text format, as `kubectl logs` shows them).

function line(message: string, fields = ''): string {
  return fields ? `${message.padEnd(44)}  ${fields}` : message;
}

function version(era: RunnerEra): string {
  return era === '2021' ? 'revision=98daeee0 version=14.7.0' : 'revision=1b6ea0b7 version=18.9.0';
}

/** What the manager prints as the chart's entrypoint registers it and starts it. */
export function startupLines(era: RunnerEra, runner: string, registration: boolean): string[] {
  const lines = [
    ...(registration
      ? [
          'Registration attempt 1 of 30',
          line('Runtime platform', `arch=amd64 os=linux pid=14 ${version(era)}`),
          'WARNING: Running in user-mode.',
          line('Registering runner... succeeded', `runner=${runner}`),
          "Runner registered successfully. Feel free to start it, but if it's running already the config should be automatically reloaded!",
        ]
      : [line('Verifying runner... is valid', `runner=${runner}`)]),
    line('Runtime platform', `arch=amd64 os=linux pid=7 ${version(era)}`),
    line(
      'Starting multi-runner from /home/gitlab-runner/.gitlab-runner/config.toml...',
      'builds=0',
    ),
    'WARNING: Running in user-mode.',
    line('Configuration loaded', 'builds=0'),
    line('listen_address not defined, metrics & debug endpoints disabled', 'builds=0'),
    line('[session_server].listen_address not defined, session endpoints disabled', 'builds=0'),
  ];
  return lines;
}

/** What the manager prints when GitLab refuses its token. */
export function refusedLines(runner: string, registration: boolean): string[] {
  return registration
    ? [
        'Registration attempt 1 of 30',
        line(
          'ERROR: Registering runner... forbidden (check registration token)',
          `runner=${runner} status=403 Forbidden`,
        ),
        'PANIC: Failed to register the runner.',
      ]
    : [line('ERROR: Verifying runner... is removed', `runner=${runner} status=403 Forbidden`)];
}

/** A line about a job, with the fields the runner adds. */
export function jobLine(
  message: string,
  fields: Readonly<Record<string, string | number>>,
): string {
  return line(
    message,
    Object.entries(fields)
      .map(([key, value]) => `${key}=${value}`)
      .join(' '),
  );
}
