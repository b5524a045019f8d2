import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session cookies, sign-in links, browser bindings. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256, so a database leak yields no usable session or link. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
