import {pick, type Lang} from '../i18n/text.js';
import type {ActionStep, Runbook} from '../runbook/types.js';
import type {ProfileState} from '../state/types.js';
import type {PlanEntry} from './plan-table.js';
import {effectLines} from './line-reporter.js';
import {elapsedMs, formatDuration} from './duration.js';

/** The bounded end of one attempt's log, as read for the transcript. */
export type LogExcerpt = {
  readonly lines: readonly string[];
  /** True when earlier lines were left out. */
  readonly truncated: boolean;
  /** True when the log file could not be read. */
  readonly missing: boolean;
};

/** Everything the Markdown transcript is made from (all read beforehand: this is pure). */
export type TranscriptInput = {
  readonly runbook: Runbook;
  readonly state: ProfileState;
  readonly profile: string;
  readonly lang: Lang;
  /** The step's planned effects, by step id. */
  readonly plans: ReadonlyMap<string, PlanEntry>;
  /** Log excerpts, by log path. */
  readonly logs: ReadonlyMap<string, LogExcerpt>;
  /** Masks secret values; applied to the whole document last, whatever else was done. */
  readonly redact: (text: string) => string;
  readonly generatedAt: string;
};

// A fence longer than any run of backticks inside, so tool output cannot close it early.
function fenced(lines: readonly string[]): string[] {
  const longest = Math.max(
    2,
    ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))),
  );
  const fence = '`'.repeat(longest + 1);
  return [fence, ...lines, fence];
}

function stepSection(step: ActionStep, number: string, input: TranscriptInput): string[] {
  const record = input.state.steps[step.id];
  const status = record?.status ?? 'pending';
  const lines = [`### ${number} ${pick(step.title, input.lang)} (\`${step.id}\`)`, ''];
  const attempts = record?.attempts ?? [];
  lines.push(`Status: **${status}** · attempts: ${attempts.length}`, '');
  const plan = input.plans.get(step.id);
  if (plan && plan.effects.length > 0) {
    lines.push(plan.rendered ? 'Runs:' : 'Runs (as written in the runbook):', '');
    lines.push(...fenced(plan.effects.flatMap((effect) => effectLines(effect))), '');
  }

  for (const attempt of attempts) {
    const took = elapsedMs(attempt.startedAt, attempt.endedAt);
    const exit =
      attempt.error?.exitCode === undefined ? '' : `, exit code ${attempt.error.exitCode}`;
    lines.push(
      `Attempt ${attempt.n}: **${attempt.status}**${exit} — ${attempt.startedAt}` +
        (took === undefined ? '' : ` (${formatDuration(took)})`),
    );
    if (attempt.error) {
      lines.push('', `> ${attempt.error.message}`);
      if (attempt.error.hint) lines.push('>', `> Hint: ${attempt.error.hint}`);
    }

    const log = input.logs.get(attempt.logPath);
    lines.push('');
    if (log === undefined || log.missing) {
      lines.push(`(log not found: \`${attempt.logPath}\`)`, '');
      continue;
    }

    if (log.truncated) lines.push(`Last ${log.lines.length} lines of \`${attempt.logPath}\`:`, '');
    else lines.push(`Output (\`${attempt.logPath}\`):`, '');
    lines.push(...fenced(log.lines), '');
  }

  return lines;
}

/** The Markdown transcript of a profile: steps, choices, commands, outputs, durations. Secrets masked. */
export function renderTranscript(input: TranscriptInput): string {
  const {runbook, state, lang} = input;
  const lines = [
    `# ${pick(runbook.title, lang)}`,
    '',
    `Transcript of profile \`${input.profile}\` (runbook \`${runbook.id}\`, target ${state.target}), ` +
      `started ${state.createdAt}, last change ${state.updatedAt}, exported ${input.generatedAt}.`,
    '',
    '## Parameters',
    '',
    '| parameter | value |',
    '|---|---|',
  ];
  for (const param of runbook.params) {
    const value =
      param.type === 'secret'
        ? '(secret: never recorded)'
        : param.id in state.params
          ? `\`${String(state.params[param.id])}\``
          : '(not set)';
    lines.push(`| ${param.id} | ${value} |`);
  }

  lines.push('', '## Steps', '');
  let number = 0;
  for (const step of runbook.steps) {
    number++;
    if (step.kind === 'action') {
      lines.push(...stepSection(step, `${number}.`, input));
      continue;
    }

    const branch = state.branches[step.id];
    lines.push(`### ${number}. ${pick(step.title, lang)} (\`${step.id}\`)`, '');
    if (branch === undefined) {
      lines.push('No branch chosen yet.', '');
      continue;
    }

    const previous = branch.previous ? ` (switched from \`${branch.previous}\`)` : '';
    const reason = branch.reason ? ` — ${branch.reason}` : '';
    lines.push(`Chose **${branch.branchId}** at ${branch.at}${previous}${reason}`, '');
    const chosen = step.branches.find((candidate) => candidate.id === branch.branchId);
    for (const [index, inner] of (chosen?.steps ?? []).entries()) {
      lines.push(...stepSection(inner, `${number}.${index + 1}`, input));
    }
  }

  return input.redact(`${lines.join('\n').trimEnd()}\n`);
}
