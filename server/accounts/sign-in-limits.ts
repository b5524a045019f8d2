/** An address as accounts are looked up by it: trimmed, lower case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/**
 * The rate-limit buckets of sign-in requests for an address, and for an
 * address from one IP (server/accounts/service.ts names them so, by these);
 * my-data.test.ts asks for a real link, so a bucket left out fails there.
 */
export const signInAddressBucket = (email: string): string => `sign-in:address:${normalizeEmail(email)}`;
export const signInAddressIpBucket = (email: string, ip: string): string => `${signInAddressIpPrefix(email)}${ip}`;
export const signInAddressIpPrefix = (email: string): string => `sign-in:address-ip:${normalizeEmail(email)} `;
/** Wrong sign-in codes typed for an address, from anywhere. */
export const signInCodeAddressBucket = (email: string): string => `sign-in:code-address:${normalizeEmail(email)}`;
