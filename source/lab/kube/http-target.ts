// What a Kubernetes API path names: a discovery document or a resource (collection, object,
// subresource), as the API server's request-info resolver reads it.
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreVersions,
  openApiGroupVersion,
  openApiIndex,
  versionInfo,
} from './discovery.js';
import {findResource, type ResourceInfo} from './resources.js';
import {pathNotFound} from './status.js';

/** A resolved request path. */
export type HttpTarget =
  | {readonly kind: 'document'; readonly body: unknown}
  | {
      readonly kind: 'resource';
      readonly info: ResourceInfo;
      readonly namespace?: string;
      readonly name?: string;
      readonly subresource?: string;
      readonly watch: boolean;
    };

function documentFor(segments: readonly string[]): unknown {
  const [first, second, third, ...rest] = segments;
  const path = segments.join('/');
  if (path === 'version') return versionInfo;
  if (path === 'healthz' || path === 'readyz' || path === 'livez') return 'ok';
  if (path === 'api') return coreVersions();
  if (path === 'apis') return apiGroupList();
  if (path === 'openapi/v3') return openApiIndex();
  if (first === 'openapi' && second === 'v3')
    return openApiGroupVersion(segments.slice(2).join('/'));
  if (first === 'api' && second && !third) return apiResourceList('', second);
  if (first === 'apis' && second && !third) return apiGroup(second);
  if (first === 'apis' && second && third && rest.length === 0)
    return apiResourceList(second, third);
  return undefined;
}

/** Resolves a URL path; throws a 404 Status for paths the lab does not serve. */
export function resolveTarget(pathname: string): HttpTarget {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => decodeURIComponent(segment));
  const document = documentFor(segments);
  if (document !== undefined) return {kind: 'document', body: document};
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments[1]) {
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments[1] && segments[2]) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else {
    throw pathNotFound();
  }

  const watch = rest[0] === 'watch';
  if (watch) rest = rest.slice(1);
  const nested =
    rest[0] === 'namespaces' && rest[1] && rest[2]
      ? findResource(group, version, rest[2])
      : undefined;
  const [namespace, plural, name, subresource, extra] = nested?.namespaced
    ? [rest[1], rest[2], rest[3], rest[4], rest[5]]
    : [undefined, rest[0], rest[1], rest[2], rest[3]];
  const info = plural ? findResource(group, version, plural) : undefined;
  if (!info || extra !== undefined) throw pathNotFound();
  if (subresource !== undefined && !info.subresources?.[subresource]) throw pathNotFound();
  return {
    kind: 'resource',
    info,
    ...(namespace ? {namespace} : {}),
    ...(name ? {name} : {}),
    ...(subresource ? {subresource} : {}),
    watch,
  };
}
