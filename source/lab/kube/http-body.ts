// Reading request bodies and decoding them by Content-Type (JSON, YAML, Kubernetes protobuf).
import type {IncomingMessage} from 'node:http';
import {parse as parseYaml} from 'yaml';
import type {PatchType} from './api.js';
import {decodeKubeProtobuf} from './protobuf.js';
import {badRequest, failure, unsupportedMediaType} from './status.js';

// Far above any manifest the procedure sends; protects the lab from a runaway client.
const maxBodyBytes = 8 * 1024 * 1024;

/** Reads the whole body. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes)
      throw failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728', {});
    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest(
      `couldn't get version/kind; json parse error: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function parseYamlText(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw badRequest(
      `error converting YAML to JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Decodes a POST/PUT body: JSON, YAML or protobuf. */
export function decodeObjectBody(request: IncomingMessage, body: Buffer): unknown {
  const type = mediaType(request);
  if (type === 'application/json' || type === '') return parseJson(body.toString('utf8'));
  if (type === 'application/yaml') return parseYamlText(body.toString('utf8'));
  if (type === 'application/vnd.kubernetes.protobuf') return decodeKubeProtobuf(body);
  throw unsupportedMediaType([
    'application/json',
    'application/yaml',
    'application/vnd.kubernetes.protobuf',
  ]);
}

const patchTypes: Readonly<Record<string, PatchType>> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** Decodes a PATCH body and its flavour; 415 for any other media type. */
export function decodePatchBody(
  request: IncomingMessage,
  body: Buffer,
): {readonly type: PatchType; readonly patch: unknown} {
  const type = patchTypes[mediaType(request)];
  if (!type) throw unsupportedMediaType(Object.keys(patchTypes));
  const text = body.toString('utf8');
  // Apply configurations are YAML (JSON is YAML too).
  return {type, patch: type === 'apply' ? parseYamlText(text) : parseJson(text)};
}
