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
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
export type { Page };

/** A date `days` from today, as a date input takes it. */
export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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

/**
 * (Specs that rely on it run after people.spec.ts, which tests the first import.)
 * Imports the test roster (if this server lacks it), creates a survey with one
 * question about the respondent, opens its wave and returns the survey's id.
 */
export async function openSurvey(page: Page, name = 'Spring network'): Promise<string> {
  await signInAsAdmin(page);
  await page.goto('/people/import');
  await page.locator('input[type=file]').setInputFiles(path.join(__dirname, '..', 'files', 'roster.csv'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  const apply = page.getByRole('button', { name: 'Apply import' });
  if (await apply.isEnabled()) await apply.click();
  await page.goto('/surveys/new');
  await page.locator('input[name="f[name]"]').fill(name);
  await page.locator('select[name="f[q.1.kind]"]').selectOption('agreement');
  await page.locator('input[name="f[q.1.prompt]"]').fill('I know whom to ask when I am stuck.');
  await page.locator('input[name="f[opens_on]"]').fill(inDays(0));
  await page.locator('input[name="f[closes_on]"]').fill(inDays(20));
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByText('Open wave and invite…').click();
  await page.getByRole('button', { name: /^Yes, invite \d+ people now$/ }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Open' })).toBeVisible();
  return page.url().split('/surveys/')[1].split('?')[0];
}

/** The outbox folder of this project's Knit (it runs without SMTP). */
export const outbox = (project: string) => path.join(__dirname, '..', '..', 'target', 'e2e', project, 'outbox');
export const outboxFiles = (project: string) => (fs.existsSync(outbox(project)) ? fs.readdirSync(outbox(project)) : []);

/**
 * Waits for a new message of `purpose` to `address` in the outbox folder (one
 * not in `before`, a listing taken earlier) and returns it, quoted-printable
 * decoded.
 */
export async function newMessage(project: string, purpose: string, address: string, before: string[]): Promise<string> {
  let file: string | undefined;
  await expect
    .poll(() => {
      file = outboxFiles(project).filter((n) => n.endsWith(`-${purpose}-${address}.eml`) && !before.includes(n)).pop();
      return file !== undefined;
    }, { message: `the worker writes the ${purpose} message to the outbox folder`, timeout: 15_000 })
    .toBe(true);
  const eml = fs.readFileSync(path.join(outbox(project), file!), 'utf8');
  // Quoted-printable: soft line breaks and escaped bytes.
  return eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** axe-core's engine, run in the page through the DevTools protocol (the page's CSP allows no injected script tag). */
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Fails on any serious or critical WCAG 2.2 A/AA violation axe-core finds on
 * the page as it stands, naming the rule and the first elements at fault.
 */
export async function expectAccessible(page: Page, what: string) {
  // The engine runs as a script, which a page with JavaScript off cannot run:
  // the same pages are checked, markup and scripts, in the JavaScript project.
  if (!test.info().project.use.javaScriptEnabled) return;
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, `${what}: serious or critical WCAG 2.2 AA violations`).toEqual([]);
}

/** Fails if the page is wider than its window: nothing may scroll sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${what} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
}

/**
 * Tabs through the whole page from its top and fails unless every control a
 * mouse can use (links, buttons, fields, scrollable regions) takes the focus
 * in turn, each with a name a screen reader says. Returns the names in order.
 */
export async function expectKeyboardReachable(page: Page, what: string): Promise<string[]> {
  const controls: string[] = await page.evaluate(() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
    const nameOf = (e: HTMLElement) => (e.getAttribute('aria-label') || (e as HTMLInputElement).labels?.[0]?.textContent
      || e.textContent || e.getAttribute('title') || '').trim().replace(/\s+/g, ' ');
    return Array.from(document.querySelectorAll<HTMLElement>(selector))
      .filter((e) => e.tabIndex >= 0 && !e.closest('[aria-hidden="true"]') && e.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true }) && !(e as HTMLButtonElement).disabled)
      // A group of radio buttons is one stop: the arrow keys move within it.
      .filter((e, _, all) => !(e instanceof HTMLInputElement && e.type === 'radio'
        && all.find((o) => o instanceof HTMLInputElement && o.type === 'radio' && o.name === e.name) !== e))
      .map((e, i) => { e.dataset.keyboardCheck = String(i); return `${e.tagName.toLowerCase()} "${nameOf(e)}"`; });
  });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Map<number, string>();
  for (let step = 0; step < controls.length * 2 + 5 && reached.size < controls.length; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement | null;
      if (!e || e === document.body) return null;
      const name = (e.getAttribute('aria-label') || (e as HTMLInputElement).labels?.[0]?.textContent
        || e.textContent || e.getAttribute('title') || '').trim().replace(/\s+/g, ' ');
      return { check: e.dataset.keyboardCheck ?? '', name };
    });
    if (!focused || focused.check === '') continue;
    expect(focused.name, `${what}: a control reached by Tab has no name`).not.toBe('');
    reached.set(Number(focused.check), focused.name);
  }
  const missed = controls.filter((_, i) => !reached.has(i));
  expect(missed, `${what}: controls Tab never reaches`).toEqual([]);
  return Array.from(reached.values());
}
