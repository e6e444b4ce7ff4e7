import type {Standin} from '../common/run-standin.js';
import {apply} from './apply.js';
import {clientConfig} from './client-config.js';
import {describe, register, reset, usage, version} from './other-commands.js';

/** The stand-in `launchpad`. */
export const launchpad: Standin = async (context) => {
  const command = context.args.find((arg) => !arg.startsWith('-')) ?? '';
  switch (command) {
    case 'apply': {
      return apply(context);
    }

    case 'client-config':
    case 'download-bundle': {
      return clientConfig(context);
    }

    case 'describe': {
      return describe(context);
    }

    case 'reset': {
      return reset(context);
    }

    case 'register': {
      return register(context);
    }

    case 'version': {
      return version(context);
    }

    default: {
      throw usage(command);
    }
  }
};
