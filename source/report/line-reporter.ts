import {pick, type Lang} from '../i18n/text.js';
import type {EngineEvent} from '../engine/events.js';
import type {PlannedEffect} from '../actions/types.js';
import type {Runbook} from '../runbook/types.js';
import {allSteps} from './step-index.js';
import {formatDuration} from './duration.js';
import {showCommand} from './command-text.js';
import type {Paint} from './paint.js';
import {reportWords} from './words.js';

// The plain reporter: one or a few lines per engine event, every line about a step
// prefixed with `[step-id]`, so a CI log can be grepped per step.

/** What the line formatter needs besides the event. */
export type LineFormat = {
  readonly paint: Paint;
  readonly lang: Lang;
  /** For step titles; optional so events can be printed without it. */
  readonly runbook?: Runbook;
};

const tag = (stepId: string, format: LineFormat): string => format.paint.dim(`[${stepId}]`);

/** The lines a planned effect prints as. */
export function effectLines(effect: PlannedEffect, lang: Lang = 'en'): string[] {
  const words = reportWords[lang];
  switch (effect.kind) {
    case 'command': {
      const env = effect.env?.length ? words.envNames(effect.env) : '';
      const stdin = effect.stdin === undefined ? '' : words.stdinNote;
      return [`$ ${showCommand(effect.file, effect.args)}${env}${stdin}`];
    }

    case 'file': {
      return [words.writesFile(effect.path, effect.content.split('\n').length)];
    }

    case 'manifest': {
      return [words.manifestLines(effect.action, effect.yaml.trimEnd().split('\n').length)];
    }

    case 'request': {
      return [`${effect.method} ${effect.url}`];
    }

    case 'note': {
      return [effect.text];
    }
  }
}

function titleOf(stepId: string, format: LineFormat): string {
  const found = format.runbook && allSteps(format.runbook).find(({step}) => step.id === stepId);
  return found ? pick(found.step.title, format.lang) : stepId;
}

/** The lines one event prints as (no trailing newlines; may be empty). */
export function formatEvent(event: EngineEvent, format: LineFormat): string[] {
  const {paint} = format;
  const words = reportWords[format.lang];
  switch (event.type) {
    case 'run-started': {
      return [paint.bold(words.runStarted(event.runbookId, event.profile, event.target))];
    }

    case 'reconcile-started': {
      return [words.checking];
    }

    case 'reconcile-step': {
      // Only what is worth knowing: a plain "pending" for every untouched step is noise.
      if (event.verdict === 'pending') return [];
      const detail = event.detail ? ` — ${event.detail}` : '';
      return [`${tag(event.stepId, format)} ${words.verdict[event.verdict]}${detail}`];
    }

    case 'reconcile-finished': {
      return [
        ...(event.unknownStepIds ? [words.unknownSteps(event.unknownStepIds)] : []),
        event.proposedStepId === undefined
          ? words.allInPlace
          : words.continuingAt(event.proposedStepId),
      ];
    }

    case 'param-resolved': {
      // A default is what the runbook says anyway; name only values that came from somewhere.
      if (event.from === 'default') return [];
      return [paint.dim(words.paramFrom(event.paramId, event.from))];
    }

    case 'step-started': {
      const attempt = event.attempt > 1 ? words.attempt(event.attempt) : '';
      return [
        `${tag(event.stepId, format)} ${paint.bold(`▶ ${titleOf(event.stepId, format)}`)}${attempt}`,
        `${tag(event.stepId, format)} ${paint.dim(`${words.log}: ${event.logPath}`)}`,
      ];
    }

    case 'step-plan': {
      return event.effects.flatMap((effect) =>
        effectLines(effect, format.lang).map(
          (line) => `${tag(event.stepId, format)} ${paint.cyan(line)}`,
        ),
      );
    }

    case 'step-output': {
      const prefix = tag(event.stepId, format);
      return event.lines.map((line) =>
        event.stream === 'info' ? `${prefix} ${paint.dim(line)}` : `${prefix} ${line}`,
      );
    }

    case 'check-result': {
      const mark = event.holds ? paint.green(`✓ ${words.check}`) : paint.red(`✗ ${words.check}`);
      const detail = event.detail ? `: ${event.detail}` : '';
      return [`${tag(event.stepId, format)} ${mark} ${event.checkId}${detail}`];
    }

    case 'step-finished': {
      return finishedLines(event, format);
    }

    case 'diagnosis': {
      const {diagnosis} = event;
      return [
        `${tag(event.stepId, format)} ${paint.yellow(`${words.diagnosis}: ${pick(diagnosis.title, format.lang)}`)}`,
        ...pick(diagnosis.explanation, format.lang)
          .split('\n')
          .map((line) => `${tag(event.stepId, format)}   ${line}`),
        `${tag(event.stepId, format)} ${words.next}: ${pick(diagnosis.next.hint, format.lang)}`,
      ];
    }

    case 'branch-chosen': {
      return [`${tag(event.stepId, format)} ${words.branch(event.branchId, event.previous)}`];
    }

    case 'run-finished': {
      const colour =
        event.status === 'done'
          ? paint.green
          : event.status === 'failed'
            ? paint.red
            : paint.yellow;
      return [paint.bold(colour(words.runEnded[event.status]))];
    }
  }
}

function finishedLines(
  event: Extract<EngineEvent, {type: 'step-finished'}>,
  format: LineFormat,
): string[] {
  const {paint} = format;
  const words = reportWords[format.lang];
  const prefix = tag(event.stepId, format);
  const took = formatDuration(event.durationMs);
  if (event.status === 'done') return [`${prefix} ${paint.green(words.doneIn(took))}`];
  if (event.status === 'skipped') return [`${prefix} ${paint.yellow(words.skipped)}`];
  const {error} = event;
  const exit = error?.exitCode === undefined ? '' : words.exitCode(error.exitCode);
  const word =
    event.status === 'interrupted' ? words.interruptedAfter(took) : words.failedAfter(took);
  const lines = [`${prefix} ${paint.red(`${word}${exit}`)}${error ? `: ${error.message}` : ''}`];
  if (error?.detail) {
    for (const line of error.detail.split('\n')) lines.push(`${prefix}   ${line}`);
  }

  if (error?.hint) lines.push(`${prefix} ${words.hint}: ${error.hint}`);
  return lines;
}

/** A reporter writing each event's lines to `write` as they come. */
export function createLineReporter(
  write: (text: string) => void,
  format: LineFormat,
): (event: EngineEvent) => void {
  return (event) => {
    const lines = formatEvent(event, format);
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
  };
}
