// The Kubernetes API over HTTP: resolves the path, decodes the body, calls the in-process API
// and writes its answer (or its Status) back.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {LabUser} from '../types.js';
import type {KubeApi, WriteOptions} from './api.js';
import {decodeObjectBody, decodePatchBody, readBody} from './http-body.js';
import {streamLog} from './http-log.js';
import {sendError, sendJson} from './http-send.js';
import {resolveTarget} from './http-target.js';
import {streamWatch} from './http-watch.js';
import {impersonate} from './impersonation.js';
import {isRecord} from './json.js';
import {toTable, wantsTable} from './table.js';
import {badRequest, methodNotAllowed} from './status.js';

function flag(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  return value === 'true' || value === '1';
}

function optionalNumber(url: URL, name: string): number | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw badRequest(`invalid ${name}: ${value}`);
  return number;
}

function writeOptions(
  request: IncomingMessage,
  url: URL,
  subresource: string | undefined,
): WriteOptions {
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some((value) => value !== 'All')) {
    throw badRequest(`Invalid dry run option: ${dryRun.join(', ')}`);
  }

  // Like the API server, a missing fieldManager is derived from the client's User-Agent.
  const agent = request.headers['user-agent']?.split('/')[0];
  const fieldManager = url.searchParams.get('fieldManager') ?? agent;
  return {
    dryRun: dryRun.length > 0,
    ...(fieldManager ? {fieldManager} : {}),
    force: flag(url, 'force'),
    ...(subresource === 'status' ? {subresource: 'status'} : {}),
  };
}

/** Builds the handler for Kubernetes API paths; `user` is the authenticated caller. */
export function createKubeHandler(api: KubeApi) {
  return async function handleKube(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    caller: LabUser,
  ): Promise<void> {
    try {
      const target = resolveTarget(url.pathname);
      if (target.kind === 'document') {
        if (request.method !== 'GET') throw methodNotAllowed();
        sendJson(response, 200, target.body);
        return;
      }

      const user = impersonate(api.store, caller, request.headers, request.headersDistinct);
      const {info, namespace, name, subresource} = target;
      const resource = info.plural;
      const method = request.method ?? 'GET';
      const allowed = subresource ? (info.subresources?.[subresource] ?? []) : info.verbs;
      const verbFor: Record<string, string> = {
        GET: name ? 'get' : 'list',
        POST: 'create',
        PUT: 'update',
        PATCH: 'patch',
        DELETE: 'delete',
      };
      const verb = verbFor[method];
      if (
        !verb ||
        !allowed.includes(verb) ||
        (method === 'POST' && name) ||
        (method !== 'POST' && method !== 'GET' && !name)
      ) {
        throw methodNotAllowed();
      }

      if (subresource === 'log' && name && namespace) {
        await streamLog(
          api,
          user,
          request,
          response,
          {namespace, pod: name},
          {
            ...(url.searchParams.get('container')
              ? {container: url.searchParams.get('container') ?? ''}
              : {}),
            follow: flag(url, 'follow'),
            ...(optionalNumber(url, 'tailLines') === undefined
              ? {}
              : {tailLines: optionalNumber(url, 'tailLines')}),
          },
        );
        return;
      }

      const query = {
        ...(url.searchParams.get('labelSelector')
          ? {labelSelector: url.searchParams.get('labelSelector') ?? ''}
          : {}),
        ...(url.searchParams.get('fieldSelector')
          ? {fieldSelector: url.searchParams.get('fieldSelector') ?? ''}
          : {}),
        ...(url.searchParams.get('resourceVersion')
          ? {resourceVersion: url.searchParams.get('resourceVersion') ?? ''}
          : {}),
      };
      if (method === 'GET' && (target.watch || flag(url, 'watch'))) {
        const timeoutSeconds = optionalNumber(url, 'timeoutSeconds');
        await streamWatch(
          api,
          user,
          request,
          response,
          {resource, ...(namespace ? {namespace} : {})},
          {
            ...query,
            ...(name
              ? {
                  fieldSelector: [`metadata.name=${name}`, query.fieldSelector]
                    .filter(Boolean)
                    .join(','),
                }
              : {}),
            ...(timeoutSeconds === undefined ? {} : {timeoutSeconds}),
          },
          wantsTable(request.headers.accept)
            ? (object, first) => {
                const table = toTable(resource, [object], object.metadata.resourceVersion ?? '');
                // Like the API server, only the first event carries the column definitions.
                return first ? table : {...table, columnDefinitions: []};
              }
            : undefined,
        );
        return;
      }

      if (method === 'GET') {
        const table = wantsTable(request.headers.accept);
        if (name) {
          const object = await api.get(user, resource, namespace, name);
          const version = object.metadata.resourceVersion ?? '';
          sendJson(response, 200, table ? toTable(resource, [object], version) : object);
        } else {
          const result = await api.list(user, resource, namespace, query);
          const version = result.metadata.resourceVersion;
          sendJson(response, 200, table ? toTable(resource, result.items, version) : result);
        }

        return;
      }

      const body = await readBody(request);
      const options = writeOptions(request, url, subresource);
      if (method === 'POST') {
        sendJson(
          response,
          201,
          await api.create(user, resource, namespace, decodeObjectBody(request, body), options),
        );
      } else if (method === 'PUT' && name) {
        sendJson(
          response,
          200,
          await api.update(
            user,
            resource,
            namespace,
            name,
            decodeObjectBody(request, body),
            options,
          ),
        );
      } else if (method === 'PATCH' && name) {
        const {type, patch} = decodePatchBody(request, body);
        const existed = api.store.get(resource, namespace, name) !== undefined;
        const result = await api.patch(user, resource, namespace, name, type, patch, options);
        sendJson(response, existed ? 200 : 201, result);
      } else if (method === 'DELETE' && name) {
        // kubectl sends DeleteOptions as the body; its dryRun counts like the query's.
        const deleteOptions = body.length > 0 ? decodeObjectBody(request, body) : {};
        const dryRun =
          isRecord(deleteOptions) &&
          Array.isArray(deleteOptions['dryRun']) &&
          deleteOptions['dryRun'].includes('All');
        sendJson(
          response,
          200,
          await api.delete(user, resource, namespace, name, {
            ...options,
            dryRun: options.dryRun === true || dryRun,
          }),
        );
      }
    } catch (error) {
      sendError(response, error);
    }
  };
}
