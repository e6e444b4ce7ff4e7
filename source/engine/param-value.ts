import {isIP} from 'node:net';
import type {ParamSpec, ParamValue} from '../runbook/types.js';

/** A value accepted for a parameter, or why not. */
export type ParamVerdict =
  {readonly ok: true; readonly value: ParamValue} | {readonly ok: false; readonly message: string};

/** Checks and converts a raw value (text from a flag, env or prompt; or a typed value from a file). */
export function checkParamValue(spec: ParamSpec, raw: ParamValue): ParamVerdict {
  const text = String(raw).trim();
  switch (spec.type) {
    case 'integer': {
      const value =
        typeof raw === 'number' ? raw : /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(value)) {
        return {ok: false, message: 'must be a whole number'};
      }

      if (spec.min !== undefined && value < spec.min) {
        return {ok: false, message: `must be at least ${spec.min}`};
      }

      if (spec.max !== undefined && value > spec.max) {
        return {ok: false, message: `must be at most ${spec.max}`};
      }

      return {ok: true, value};
    }

    case 'boolean': {
      if (typeof raw === 'boolean') {
        return {ok: true, value: raw};
      }

      const lower = text.toLowerCase();
      if (['true', 'yes', 'y', '1', 'on'].includes(lower)) {
        return {ok: true, value: true};
      }

      if (['false', 'no', 'n', '0', 'off'].includes(lower)) {
        return {ok: true, value: false};
      }

      return {ok: false, message: 'must be true or false'};
    }

    case 'choice': {
      return spec.choices?.includes(text)
        ? {ok: true, value: text}
        : {ok: false, message: `must be one of: ${(spec.choices ?? []).join(', ')}`};
    }

    case 'url': {
      return isHttpUrl(text)
        ? checkPattern(spec, text)
        : {ok: false, message: 'must be an http:// or https:// URL'};
    }

    case 'ip': {
      return isIP(text) === 0
        ? {ok: false, message: 'must be an IP address'}
        : {ok: true, value: text};
    }

    default: {
      // Secrets are kept exactly as given: spaces may be part of a password.
      const value = spec.type === 'secret' ? String(raw) : text;
      if (value === '') {
        return {ok: false, message: 'must not be empty'};
      }

      return checkPattern(spec, value);
    }
  }
}

function checkPattern(spec: ParamSpec, value: string): ParamVerdict {
  if (spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(value)) {
    return {ok: false, message: spec.patternMessage?.en ?? `must match ${spec.pattern}`};
  }

  return {ok: true, value};
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
