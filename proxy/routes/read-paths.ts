/**
 * The paths of the routes whose bodies Bulwark reads, and the other spellings of them an upstream
 * may accept. Servers and the proxies in front of them differ in how they read a request-target:
 * nginx merges repeated slashes, Express ignores a trailing slash and case, some decode `%2F` or
 * drop `;params`. A spelling Bulwark's router does not take for a read route would otherwise go
 * through the byte-for-byte passthrough, unscanned and unredacted, to an upstream that may still
 * serve it as that route.
 */

/**
 * The path once every reading a lenient server may apply is applied: percent-decoding undone
 * (repeatedly: double encoding), backslashes read as slashes, `;params` dropped, empty and `.`
 * segments removed, `..` resolved, lower-cased.
 */
export function canonicalPath(path: string): string {
  let decoded = path;
  for (let round = 0; round < 3; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      break;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const segments: string[] = [];
  for (const part of decoded.replaceAll('\\', '/').split('/')) {
    const segment = part.split(';', 1)[0]!.toLowerCase();
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/**
 * Tells, of a request-target path, whether it is not spelt canonically but reads as one of the
 * read routes (Hono paths, `:param` for a segment; any method: the check is on the path).
 */
export function readRouteVariants(routes: readonly string[]): (path: string) => boolean {
  const pattern = (route: string) => route.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+');
  const readRoute = new RegExp(`^(?:${routes.map(pattern).join('|')})$`);
  return (path) => {
    const canonical = canonicalPath(path);
    return canonical !== path && readRoute.test(canonical);
  };
}
