import type {ParamSpec, ParamValue} from '../runbook/types.js';
import {RunbookError} from './errors.js';
import type {FoundParam, ParamSource} from './param-sources.js';

/** Where the value in use comes from: a source, typed in this session (`session`), or nowhere yet. */
export type ParamOrigin = ParamSource | 'session' | 'unset';

/** A parameter's value in use, read without saving anything; a secret's value is never in it. */
export type ParamInUse = {
  /** Undefined for a secret and for a parameter with no value yet. */
  readonly value: ParamValue | undefined;
  readonly isSet: boolean;
  readonly origin: ParamOrigin;
  /** A value typed here overrides one given for this run: which source it overrides. */
  readonly overrides?: 'flag' | 'file' | 'env';
  /** Why a value given for this run is refused (the run says so when it needs it). */
  readonly problem?: string;
};

/** What the session holds for one parameter. */
export type ParamHeld = {
  /** The value resolved or typed in this session, if any. */
  readonly known: ParamValue | undefined;
  /** Whether the person typed it (asked, or changed in the parameters view). */
  readonly typed: boolean;
};

/** The value in use and its origin, from what the session holds and what the sources say. */
export function paramInUse(
  spec: ParamSpec,
  held: ParamHeld,
  find: () => FoundParam | undefined,
): ParamInUse {
  let found: FoundParam | undefined;
  let problem: string | undefined;
  try {
    found = find();
  } catch (error) {
    problem = error instanceof RunbookError ? error.message : String(error);
  }

  const from = found?.from;
  const overrides = from === 'flag' || from === 'file' || from === 'env' ? from : undefined;
  const value = held.known ?? found?.value;
  // A typed value reads as saved in the profile, unless it is a secret (memory only) or a
  // value given at start would win again at the next start: then it holds for this session.
  // A default is saved once used; it still reads as the runbook's default.
  const origin: ParamOrigin = held.typed
    ? spec.type === 'secret' || overrides
      ? 'session'
      : 'state'
    : from === 'state' && value === spec.default
      ? 'default'
      : (from ?? 'unset');
  return {
    value: spec.type === 'secret' ? undefined : value,
    isSet: value !== undefined && value !== '',
    origin,
    ...(held.typed && overrides ? {overrides} : {}),
    ...(problem && held.known === undefined ? {problem} : {}),
  };
}
