//! The team database's address without its password: the Settings screen
//! shows and edits the address and the password apart (the password in a
//! masked field), and shows any address with its password as ••••.

/** Where the password sits in `scheme://user:password@host…`: [start, end) of the password, or null. */
function passwordSpan(url: string): [number, number] | null {
  const scheme = url.indexOf("://");
  if (scheme < 0) return null;
  const start = scheme + 3;
  const at = url.lastIndexOf("@");
  if (at < start) return null;
  const colon = url.indexOf(":", start);
  if (colon < 0 || colon > at) return null;
  return [colon + 1, at];
}

/** The address with its password taken out, and the password (decoded). */
export function splitPassword(url: string): { address: string; password: string } {
  const span = passwordSpan(url);
  if (!span) return { address: url, password: "" };
  const raw = url.slice(span[0], span[1]);
  let password = raw;
  try {
    password = decodeURIComponent(raw);
  } catch {
    // Not percent-encoded as it should be: keep it as typed.
  }
  return { address: url.slice(0, span[0] - 1) + url.slice(span[1]), password };
}

/** The address with `password` put back after the user name (percent-encoded). */
export function joinPassword(address: string, password: string): string {
  if (password === "") return address;
  const scheme = address.indexOf("://");
  const at = address.lastIndexOf("@");
  if (scheme < 0 || at < scheme + 3) return address;
  return `${address.slice(0, at)}:${encodeURIComponent(password)}${address.slice(at)}`;
}

/** The address with its password shown as ••••, for anything displayed. */
export function maskPassword(url: string): string {
  const span = passwordSpan(url);
  return span ? `${url.slice(0, span[0])}••••${url.slice(span[1])}` : url;
}
