import { test as base, expect } from '@playwright/test';

/**
 * Every test fails if the page logged an error: a panic in the client, a
 * hydration mismatch, or a script or wasm blocked by the Content-Security-Policy.
 * Answers with an expected error status (a wrong password gets 422) are
 * reported by the browser as failed loads; those are the server's answer, not
 * a fault, so they are left out.
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          errors.push(message.text());
        }
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page } from '@playwright/test';
