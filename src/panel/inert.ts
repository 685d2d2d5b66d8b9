/**
 * Defence in depth for "every header value and URL is inert text": the panel never uses
 * dangerouslySetInnerHTML, and this hook makes sure no future change can either. Links are allowed
 * only to https://developer.mozilla.org (the MDN pages we generate); any other href is dropped.
 * Preact option hooks: https://preactjs.com/guide/v10/options/
 */
import { options, type VNode } from 'preact';

export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== 'string') return false;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' && url.hostname === 'developer.mozilla.org';
  } catch {
    return false;
  }
}

let installed = false;

export function installInertGuard(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    const props = vnode.props as Record<string, unknown> | null;
    if (props && typeof vnode.type === 'string') {
      if ('dangerouslySetInnerHTML' in props) delete props.dangerouslySetInnerHTML;
      if (vnode.type === 'a' && 'href' in props && !isAllowedHref(props.href)) delete props.href;
    }
    previous?.(vnode);
  };
}
