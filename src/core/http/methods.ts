/**
 * Request methods. https://fetch.spec.whatwg.org/#methods
 */

/** Only these six are upper-cased by fetch/XHR; `patch` stays `patch`. https://fetch.spec.whatwg.org/#concept-method-normalize */
const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

export function normalizeMethod(method: string): string {
  const up = method.toUpperCase();
  return NORMALIZED.includes(up) ? up : method;
}

/** https://fetch.spec.whatwg.org/#cors-safelisted-method */
export function isCorsSafelistedMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'POST';
}

/** https://fetch.spec.whatwg.org/#forbidden-method */
export function isForbiddenMethod(method: string): boolean {
  return ['CONNECT', 'TRACE', 'TRACK'].includes(method.toUpperCase());
}

/** A method that a page would have had to write in another case to be sent this way (e.g. `patch`). */
export function hasNonCanonicalCase(method: string): boolean {
  return method !== method.toUpperCase() && !NORMALIZED.includes(method.toUpperCase());
}
