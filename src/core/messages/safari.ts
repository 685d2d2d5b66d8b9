import type { FailureDetail } from './failure.js';

/**
 * Safari (WebKit) console lines: the reason, "… cannot load {url} due to access control checks.", and
 * "Failed to load resource: {reason}". Texts from Source/WebCore/loader/CrossOriginAccessControl.cpp,
 * CrossOriginPreflightResultCache.cpp and NetworkProcess/NetworkLoadChecker.cpp.
 * https://github.com/WebKit/WebKit/blob/main/Source/WebCore/loader/CrossOriginAccessControl.cpp
 */

export interface SafariLine {
  key: string;
  text: string;
}

function reason(f: FailureDetail): SafariLine | null {
  switch (f.corsError) {
    case 'MissingAllowOriginHeader':
    case 'PreflightMissingAllowOriginHeader':
    case 'AllowOriginMismatch':
    case 'PreflightAllowOriginMismatch':
    case 'InvalidAllowOriginValue':
    case 'PreflightInvalidAllowOriginValue':
      return { key: 'origin-not-allowed', text: `Origin ${f.wireOrigin} is not allowed by Access-Control-Allow-Origin. Status code: ${f.status}` };
    case 'MultipleAllowOriginValues':
    case 'PreflightMultipleAllowOriginValues':
      return f.failedParameter.includes(',')
        ? { key: 'multiple-origins', text: 'Access-Control-Allow-Origin cannot contain more than one origin.' }
        : { key: 'origin-not-allowed', text: `Origin ${f.wireOrigin} is not allowed by Access-Control-Allow-Origin. Status code: ${f.status}` };
    case 'WildcardOriginNotAllowed':
    case 'PreflightWildcardOriginNotAllowed':
      return { key: 'wildcard-with-credentials', text: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.' };
    case 'InvalidAllowCredentials':
    case 'PreflightInvalidAllowCredentials':
      return { key: 'credentials-not-true', text: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".' };
    case 'PreflightInvalidStatus':
    case 'PreflightDisallowedRedirect':
      return { key: 'preflight-not-ok', text: `Preflight response is not successful. Status code: ${f.status}` };
    case 'InvalidAllowMethodsPreflightResponse':
      return { key: 'invalid-allow-methods', text: `Header Access-Control-Allow-Methods has an invalid value: ${f.failedParameter}` };
    case 'InvalidAllowHeadersPreflightResponse':
      return { key: 'invalid-allow-headers', text: `Header Access-Control-Allow-Headers has an invalid value: ${f.failedParameter}` };
    case 'MethodDisallowedByPreflightResponse':
      return { key: 'method-not-allowed', text: `Method ${f.method} is not allowed by Access-Control-Allow-Methods.` };
    case 'HeaderDisallowedByPreflightResponse':
      return { key: 'header-not-allowed', text: `Request header field ${f.headerAsSent ?? f.failedParameter} is not allowed by Access-Control-Allow-Headers.` };
    case 'RedirectContainsCredentials':
      return { key: 'redirect-credentials', text: `Cross-origin redirection to ${f.redirectTarget ?? f.failedParameter} denied by Cross-Origin Resource Sharing policy: redirection URL ${f.redirectTarget ?? f.failedParameter} has credentials` };
    case 'DisallowedByMode':
      return { key: 'same-origin-mode', text: `Unsafe attempt to load URL ${f.url} from origin ${f.pageOrigin}. Domains, protocols and ports must match.` };
    default:
      return null;
  }
}

const API: Record<string, string> = { fetch: 'Fetch API', XMLHttpRequest: 'XMLHttpRequest', EventSource: 'EventSource' };

export function safariConsoleLines(f: FailureDetail): SafariLine[] {
  const r = reason(f);
  if (!r) return [];
  // A failing redirect response is reported as a denied redirection, naming its target.
  const text = f.redirectTarget && !f.preflight && r.key !== 'redirect-credentials'
    ? `Cross-origin redirection to ${f.redirectTarget} denied by Cross-Origin Resource Sharing policy: ${r.text}`
    : r.text;
  const api = API[f.resourceKind];
  const cannotLoad = api ? `${api} cannot load ${f.url} due to access control checks.` : `Cannot load ${f.url} due to access control checks.`;
  return [
    { key: r.key, text },
    { key: 'access-control-checks', text: cannotLoad },
    { key: 'failed-to-load', text: `Failed to load resource: ${text}` },
  ];
}
