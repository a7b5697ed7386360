import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('has defaults and reads the environment', () => {
    const c = loadConfig({ XINQIAO_ENCRYPTION_KEY: 'k' });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', demo: false, databaseUrl: undefined });
    expect(c.dataDir).toMatch(/apps\/server\/\.data\/pglite$/);
    const d = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://x/y',
      XINQIAO_DEMO: '1',
    });
    expect(d).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'postgres://x/y',
      demo: true,
    });
  });

  it('requires an encryption key outside demo mode', () => {
    expect(() => loadConfig({})).toThrow(/XINQIAO_ENCRYPTION_KEY/);
  });

  it('demo mode refuses NODE_ENV=production', () => {
    expect(() => loadConfig({ XINQIAO_DEMO: '1', NODE_ENV: 'production' })).toThrow(ConfigError);
  });

  it('rejects a bad port', () => {
    expect(() => loadConfig({ PORT: 'x', XINQIAO_DEMO: '1' })).toThrow(/PORT/);
  });
});
