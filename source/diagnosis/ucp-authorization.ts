import type {Diagnosis} from './types.js';
import {documentedAttributes} from './attributes.js';
import {segmentLine} from './segments.js';
import {ucpExplanation, ucpHint, ucpTitle} from './ucp-text.js';

// The two forms MKE's UCPAuthorization refusal takes (facts §1.1). The first names the
// requester and the pod's service account and lists the configured grants as
// ("[attributes]")("[accounts]"); the user-account pair is absent in some versions.
const forbiddenForm = new RegExp(
  String.raw`(?<kind>[a-z0-9.]+) "(?<name>[^"]*)" is forbidden: non-admin user "(?<requester>[^"]*)" \[service account "(?<podServiceAccount>[^"]*)"\]\. ` +
    String.raw`The configured privileged attributes access (?:for non-admin users \("\[(?<userAttributes>[^\]]*)\]"\)\("\[(?<userAccounts>[^\]]*)\]"\) and )?` +
    String.raw`for service accounts \("\[(?<serviceAccountAttributes>[^\]]*)\]"\)\("\[(?<serviceAccounts>[^\]]*)\]"\) ` +
    String.raw`lack required permissions to use attributes \[(?<attributes>[^\]]*)\] for resource ?(?<resource>[\w.:-]*[\w-])?`,
  'i',
);

const webhookForm =
  /\[(?<account>[^\]]*)\] lack required permissions to use attributes \[(?<attributes>[^\]]*)\]/i;

function groupsOf(match: RegExpExecArray): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(match.groups ?? {})) {
    if (value !== undefined) fields[key] = value;
  }

  return fields;
}

/** Recognises MKE's UCPAuthorization refusal of privileged attributes in one clean line. */
export function recogniseUcpAuthorization(line: string): Diagnosis | undefined {
  const forbidden = forbiddenForm.exec(line);
  const match = forbidden ?? webhookForm.exec(line);
  if (!match) return undefined;
  const found = groupsOf(match);
  const {kind, name, ...rest} = found;
  const fields: Record<string, string> = {
    form: forbidden ? 'forbidden' : 'webhook',
    ...rest,
    ...(kind === undefined ? {} : {resourceKind: kind}),
    ...(name === undefined ? {} : kind === 'pods' ? {podName: name} : {resourceName: name}),
    documentedAttributes: documentedAttributes(found['attributes'] ?? '').join(','),
  };
  return {
    id: 'ucp-authorization',
    title: ucpTitle,
    explanation: ucpExplanation(fields),
    line,
    segments: segmentLine(
      line,
      match.index,
      match.index + match[0].length,
      'mke-ucp-authorization',
    ),
    fields,
    next: {hint: ucpHint(fields), stepId: 'remediation'},
  };
}
