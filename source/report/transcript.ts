import {pick, type Lang} from '../i18n/text.js';
import type {ActionStep, Runbook} from '../runbook/types.js';
import type {ProfileState} from '../state/types.js';
import type {PlanEntry} from './plan-table.js';
import {effectLines} from './line-reporter.js';
import {elapsedMs, formatDuration} from './duration.js';
import {transcriptWords} from './transcript-words.js';

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
  const words = transcriptWords(input.lang);
  const record = input.state.steps[step.id];
  const status = record?.status ?? 'pending';
  const lines = [`### ${number} ${pick(step.title, input.lang)} (\`${step.id}\`)`, ''];
  const attempts = record?.attempts ?? [];
  lines.push(words.stepStatus(words.status[status], attempts.length), '');
  const plan = input.plans.get(step.id);
  if (plan && plan.effects.length > 0) {
    lines.push(plan.rendered ? words.runs : words.runsAsWritten, '');
    lines.push(...fenced(plan.effects.flatMap((effect) => effectLines(effect, input.lang))), '');
  }

  for (const attempt of attempts) {
    const took = elapsedMs(attempt.startedAt, attempt.endedAt);
    lines.push(
      `${words.attempt(attempt.n, words.status[attempt.status], attempt.error?.exitCode)} — ${attempt.startedAt}` +
        (took === undefined ? '' : ` (${formatDuration(took)})`),
    );
    if (attempt.error) {
      lines.push('', `> ${attempt.error.message}`);
      if (attempt.error.hint) lines.push('>', `> ${words.hint}: ${attempt.error.hint}`);
    }

    const log = input.logs.get(attempt.logPath);
    lines.push('');
    if (log === undefined || log.missing) {
      lines.push(words.logNotFound(attempt.logPath), '');
      continue;
    }

    if (log.truncated) lines.push(words.lastLines(log.lines.length, attempt.logPath), '');
    else lines.push(words.output(attempt.logPath), '');
    lines.push(...fenced(log.lines), '');
  }

  return lines;
}

/** The Markdown transcript of a profile: steps, choices, commands, outputs, durations. Secrets masked. */
export function renderTranscript(input: TranscriptInput): string {
  const {runbook, state, lang} = input;
  const words = transcriptWords(lang);
  const lines = [
    `# ${pick(runbook.title, lang)}`,
    '',
    words.intro({
      profile: input.profile,
      runbookId: runbook.id,
      target: words.target[state.target],
      createdAt: state.createdAt,
      updatedAt: state.updatedAt,
      generatedAt: input.generatedAt,
    }),
    '',
    `## ${words.parameters}`,
    '',
    `| ${words.paramHeads.join(' | ')} |`,
    '|---|---|',
  ];
  for (const param of runbook.params) {
    const value =
      param.type === 'secret'
        ? words.secretValue
        : param.id in state.params
          ? `\`${String(state.params[param.id])}\``
          : words.notSet;
    lines.push(`| ${param.id} | ${value} |`);
  }

  lines.push('', `## ${words.steps}`, '');
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
      lines.push(words.noBranch, '');
      continue;
    }

    const reason = branch.reason ? ` — ${branch.reason}` : '';
    lines.push(`${words.chose(branch.branchId, branch.at, branch.previous)}${reason}`, '');
    const chosen = step.branches.find((candidate) => candidate.id === branch.branchId);
    for (const [index, inner] of (chosen?.steps ?? []).entries()) {
      lines.push(...stepSection(inner, `${number}.${index + 1}`, input));
    }
  }

  return input.redact(`${lines.join('\n').trimEnd()}\n`);
}
