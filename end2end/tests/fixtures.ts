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

export const admin = {
  organization: 'Acme Health',
  name: 'Ana Lima',
  email: 'ana.lima@acme.test',
  password: 'correct horse battery staple',
};

/** Signs the admin in, setting Knit up first if this server is new. */
export async function signInAsAdmin(page: import('@playwright/test').Page) {
  await page.goto('/');
  if (page.url().endsWith('/setup')) {
    await page.locator('input[name=organization]').fill(admin.organization);
    await page.locator('input[name=name]').fill(admin.name);
    await page.locator('input[name=email]').fill(admin.email);
    await page.locator('input[name=password]').fill(admin.password);
    await page.getByRole('button', { name: 'Create administrator' }).click();
  } else if (page.url().includes('/login')) {
    await page.locator('input[name=email]').fill(admin.email);
    await page.locator('input[name=password]').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
}
