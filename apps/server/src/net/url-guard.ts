import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/** True for loopback, private, link-local, CGNAT, unspecified, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x === '::' || x === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(x);
  }
  return false;
}

export type UrlCheck =
  { ok: true } | { ok: false; reason: 'scheme' | 'private_address' | 'unresolvable' | 'invalid' };

/**
 * Outside demo mode a webhook URL must be https and must not point at a private or loopback
 * address — checked on the literal host when the URL is set, and on the resolved addresses
 * before every delivery (a name may later resolve somewhere else).
 */
export function checkUrlSyntax(url: string, demo: boolean): UrlCheck {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (u.username || u.password) return { ok: false, reason: 'invalid' };
  if (u.protocol !== 'https:' && !(demo && u.protocol === 'http:'))
    return { ok: false, reason: 'scheme' };
  if (demo) return { ok: true };
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
    return { ok: false, reason: 'private_address' };
  }
  return { ok: true };
}

export async function checkUrlResolved(url: string, demo: boolean): Promise<UrlCheck> {
  const syntax = checkUrlSyntax(url, demo);
  if (!syntax.ok || demo) return syntax;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return { ok: true };
  try {
    const addresses = await lookup(host, { all: true });
    if (addresses.some((a) => isPrivateAddress(a.address)))
      return { ok: false, reason: 'private_address' };
    return { ok: true };
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
}
