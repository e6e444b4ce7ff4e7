import {isIP} from 'node:net';
import type {ParamSpec} from '../runbook/types.js';
import type {ValidationError} from './strings.js';

/** Why a typed answer is not acceptable yet, or undefined when it is. */
export type ParamProblem = {readonly error: ValidationError; readonly range?: boolean};

/** Checks a typed answer against the parameter's type, range, choices and pattern. */
export function validateParam(param: ParamSpec, value: string): ParamProblem | undefined {
  if (value === '') return param.optional ? undefined : {error: 'required'};
  switch (param.type) {
    case 'ip': {
      // As the engine checks it (param-value.ts): IPv4 or IPv6.
      return isIP(value) === 0 ? {error: 'ip'} : undefined;
    }

    case 'url': {
      return isHttpUrl(value) ? undefined : {error: 'url'};
    }

    case 'integer': {
      if (!/^-?\d+$/.test(value)) return {error: 'integer'};
      const number = Number(value);
      if (param.min !== undefined && number < param.min) return {error: 'range', range: true};
      if (param.max !== undefined && number > param.max) return {error: 'range', range: true};
      return undefined;
    }

    case 'choice': {
      return param.choices?.includes(value) ? undefined : {error: 'choice'};
    }

    case 'boolean': {
      return /^(y|yes|n|no|true|false|はい|いいえ)$/i.test(value) ? undefined : {error: 'boolean'};
    }

    default: {
      return matchesPattern(param.pattern, value) ? undefined : {error: 'pattern'};
    }
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function matchesPattern(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // A broken pattern is the loader's to report; do not trap the person here.
    return true;
  }
}
