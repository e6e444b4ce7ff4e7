import {open} from 'node:fs/promises';
import {wordedError} from '../../engine/errors.js';
import {cliWords} from '../cli-words.js';
import {createRedactor} from '../../secrets/redact.js';
import {renderTranscript, type LogExcerpt} from '../../report/transcript.js';
import type {PlanEntry} from '../../report/plan-table.js';
import type {RunLikeCommand} from '../args.js';
import {checkSameRunbook, loadNamedRunbook, profileContext, type CliIo} from '../context.js';
import {collectPlan} from '../collect-plan.js';
import {openProfileEngine} from '../open-engine.js';
import {paramSources} from '../params.js';
import {readProfileState} from '../read-state.js';

const excerptBytes = 16 * 1024;
const excerptLines = 80;

/** The end of a log file, read by byte range: logs can be hundreds of megabytes. */
export async function readLogExcerpt(file: string): Promise<LogExcerpt> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return {lines: [], truncated: false, missing: true};
  }

  try {
    const {size} = await handle.stat();
    const start = Math.max(0, size - excerptBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let lines = buffer.toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    // A cut in the middle of a line (or a character) would show garbage: drop it.
    if (start > 0) lines = lines.slice(1);
    const truncated = start > 0 || lines.length > excerptLines;
    return {lines: lines.slice(-excerptLines), truncated, missing: false};
  } finally {
    await handle.close();
  }
}

/** `export`: the profile's Markdown transcript on stdout, secrets masked. */
export async function exportCommand(command: RunLikeCommand, io: CliIo): Promise<number> {
  const context = profileContext(command.common, io);
  const runbook = await loadNamedRunbook(command.runbook, io, context.stateDir);
  const state = await readProfileState(context.paths);
  if (state === undefined) {
    const {profile} = command.common;
    throw wordedError('usage', (lang) => cliWords(lang).nothingToExport(profile));
  }

  checkSameRunbook(runbook, state, command.common.profile);
  let plans: PlanEntry[];
  try {
    const {engine} = await openProfileEngine({
      runbook,
      common: command.common,
      io,
      paramSources: await paramSources(runbook, command.run, io.env),
    });
    try {
      plans = await collectPlan(runbook, engine, context.lang);
    } finally {
      await engine.close();
    }
  } catch {
    // The profile is in use (or the engine cannot open): export what the runbook says.
    plans = await collectPlan(runbook, undefined, context.lang);
  }

  const logs = new Map<string, LogExcerpt>();
  for (const record of Object.values(state.steps)) {
    for (const attempt of record.attempts)
      logs.set(attempt.logPath, await readLogExcerpt(attempt.logPath));
  }

  // Logs are redacted as they are written; this masks again whatever secrets this process knows.
  const secrets = runbook.params
    .filter((param) => param.type === 'secret' && param.env !== undefined)
    .map((param) => io.env[param.env ?? ''])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  const {redact} = createRedactor(secrets);
  io.stdout.write(
    renderTranscript({
      runbook,
      state,
      profile: command.common.profile,
      lang: context.lang,
      plans: new Map(plans.map((entry) => [entry.label.split('/').at(-1) ?? entry.label, entry])),
      logs,
      redact,
      generatedAt: new Date().toISOString(),
    }),
  );
  return 0;
}
