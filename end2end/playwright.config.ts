import { defineConfig } from '@playwright/test';
import { singleSignOn } from './oidc/settings';

// Each project gets its own Knit server and a fresh SQLite database, so that
// first-run setup can be tested once with JavaScript on and once with it off.
const knit = (name: string, port: number, settings: Record<string, string> = {}) => ({
  command: `rm -rf ../target/e2e/${name} && exec ../target/debug/knit serve`,
  url: `http://127.0.0.1:${port}/healthz`,
  reuseExistingServer: false,
  timeout: 60_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
  env: {
    KNIT_LISTEN: `127.0.0.1:${port}`,
    KNIT_DATA_DIR: `../target/e2e/${name}`,
    DATABASE_URL: `sqlite://../target/e2e/${name}/knit.db`,
    KNIT_SITE_ROOT: '../target/site',
    KNIT_PUBLIC_URL: `http://127.0.0.1:${port}`,
    KNIT_SMTP_URL: '',
    KNIT_LOG: 'warn',
    ...settings,
  },
});

// Single sign-on: a real OpenID provider on loopback, and a Knit that signs in
// through it, with passwords only for its break-glass administrator.
const provider = {
  command: 'exec node oidc/provider.mjs',
  url: 'http://127.0.0.1:3190/.well-known/openid-configuration',
  reuseExistingServer: false,
  timeout: 30_000,
  stdout: 'ignore' as const,
  stderr: 'ignore' as const,
  env: { OIDC_PORT: '3190', OIDC_REDIRECT_URI: 'http://127.0.0.1:3103/auth/oidc/callback' },
};


export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright's own browser downloads are not available here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    {
      name: 'javascript-on',
      testIgnore: /single-sign-on/,
      use: { baseURL: 'http://127.0.0.1:3101', javaScriptEnabled: true },
    },
    {
      name: 'javascript-off',
      testIgnore: /single-sign-on/,
      use: { baseURL: 'http://127.0.0.1:3102', javaScriptEnabled: false },
    },
    {
      name: 'single-sign-on',
      testMatch: /single-sign-on/,
      use: { baseURL: 'http://127.0.0.1:3103', javaScriptEnabled: true },
    },
  ],
  webServer: [
    knit('javascript-on', 3101),
    knit('javascript-off', 3102),
    provider,
    knit('single-sign-on', 3103, {
      KNIT_OIDC_ISSUER: 'http://127.0.0.1:3190',
      KNIT_OIDC_CLIENT_ID: 'knit',
      KNIT_OIDC_CLIENT_SECRET: 'knit-e2e-secret',
      KNIT_OIDC_NEW_ACCOUNTS: 'manager',
      KNIT_OIDC_LABEL: singleSignOn.label,
      KNIT_PASSWORD_SIGN_IN: 'off',
      KNIT_BREAK_GLASS_ADMIN: singleSignOn.breakGlassAdmin,
    }),
  ],
});
