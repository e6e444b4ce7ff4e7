import {wordedError} from '../../engine/errors.js';
import {cliWords} from '../cli-words.js';
import {noticeWords} from '../notice-words.js';
import type {CliCommand} from '../args.js';
import {profileContext, type CliIo} from '../context.js';
import {startLabOrExplain} from '../lab-session.js';

type LabCommand = Extract<CliCommand, {kind: 'lab'}>;

/** `lab start|stop|status|reset`: the profile's simulated lab. */
export async function labCommand(command: LabCommand, io: CliIo): Promise<number> {
  const context = profileContext(command.common, io);
  const target = {stateDir: context.stateDir, profile: command.common.profile};
  const lifecycle = await import('../../lab/lifecycle.js');
  const words = noticeWords(context.lang);
  const print = (value: unknown, text: string): void => {
    io.stdout.write(command.common.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
  };

  switch (command.action) {
    case 'start': {
      // A lab a run started becomes the user's: asked for by name, it outlives the run.
      const before =
        (await lifecycle.labStatus(target)) &&
        (await (await import('../../lab/ownership.js')).keepLab(target));
      const lab = before || (await startLabOrExplain(target));
      print({running: true, ...lab}, words.labStarted(lab, Boolean(before)));
      return 0;
    }

    case 'stop': {
      const stopped = await lifecycle.stopLab(target);
      print({stopped}, words.labStopped(stopped));
      return 0;
    }

    case 'status': {
      const lab = await lifecycle.labStatus(target);
      print(
        lab ? {running: true, ...lab} : {running: false},
        lab ? words.labRunning(lab) : words.labNotRunning,
      );
      return 0;
    }

    case 'reset': {
      if (await lifecycle.labStatus(target)) {
        throw wordedError('refused', (lang) => cliWords(lang).labRunning);
      }

      await lifecycle.resetLab(target);
      print({reset: true}, words.labReset);
      return 0;
    }
  }
}
