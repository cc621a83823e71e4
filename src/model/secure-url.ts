/**
 * Where a secret may be sent: an https URL, or plain http only to this machine's loopback (a local stand-in for
 * tests and demos, where nothing crosses a network, as RFC 8252 §8.3 allows for OAuth). Loopback means the host
 * is literally 127.0.0.0/8, [::1] or `localhost`: a name that merely resolves to one is not loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(hostname)
  );
}

/** Whether a URL may carry a secret (see above); a URL with credentials in it never may. */
export function isSecretSafeUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
