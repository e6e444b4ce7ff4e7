// Commands are shown as argument lists, never as a line for a shell: a plain word stays
// bare, anything else is JSON-quoted so each argument's exact bytes and boundaries show.

const bareArgument = /^[\w@%+=:,./{}-]+$/u;

/** One argument as shown: bare when unambiguous, else JSON-quoted. */
export function showArgument(argument: string): string {
  return bareArgument.test(argument) ? argument : JSON.stringify(argument);
}

/** A command as shown: `kubectl get namespace "a b"`. */
export function showCommand(file: string, args: readonly string[]): string {
  return [file, ...args].map((argument) => showArgument(argument)).join(' ');
}
