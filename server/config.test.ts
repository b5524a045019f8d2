import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, publicOrigins, trustedProxies } from './config.ts';

describe('configuration', () => {
  it('has defaults that serve on port 3000 with the embedded database in ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', LOAD_DEMO: 'true' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('reads numbers and connection strings from the environment', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@db:5432/encuentro' });
    expect(config).toMatchObject({ PORT: 8080, HOST: '0.0.0.0', DATABASE_URL: 'postgres://u@db:5432/encuentro' });
  });

  it('stops with a message naming every wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrowError(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toMatch(/LOG_LEVEL="loud".*info/);
    }
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(/PORT="70000"/);
  });

  it('takes the public origin from PUBLIC_URL, else localhost on the port outside production', () => {
    expect(publicOrigins(loadConfig({ PUBLIC_URL: 'https://encuentro.example.org/' }))).toEqual({
      url: 'https://encuentro.example.org',
      accepted: ['https://encuentro.example.org'],
    });
    expect(publicOrigins(loadConfig({ PORT: '8080' }))).toEqual({
      url: 'http://localhost:8080',
      accepted: ['http://localhost:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080'],
    });
    expect(() => loadConfig({ PUBLIC_URL: 'https://encuentro.example.org/app' })).toThrowError(/PUBLIC_URL=/);
  });

  it('refuses to serve in production without PUBLIC_URL, naming it', () => {
    expect(() => publicOrigins(loadConfig({ NODE_ENV: 'production' }))).toThrowError(ConfigError);
    expect(() => publicOrigins(loadConfig({ NODE_ENV: 'production' }))).toThrowError(/PUBLIC_URL="": required/);
  });

  it('trusts no proxy by default, and only the addresses and ranges TRUST_PROXY names', () => {
    expect(trustedProxies(loadConfig({}))).toBe(false);
    expect(trustedProxies(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }))).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    // A hop count cannot tell a proxy from a client; Fastify 5 would silently trust nobody.
    for (const wrong of ['1', 'true', '10.0.0.0/33', 'proxy.internal']) {
      expect(() => trustedProxies(loadConfig({ TRUST_PROXY: wrong })), wrong).toThrowError(
        new RegExp(`TRUST_PROXY=${JSON.stringify(wrong).replaceAll('.', '\\.')}`),
      );
    }
  });
});
