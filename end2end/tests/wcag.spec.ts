import { test, expect, signInAsAdmin, outbox, outboxFiles, expectAccessible, expectNoSidewaysScroll } from './fixtures';
import type { Page } from './fixtures';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Runs last (the other specs made the roster, surveys, analysed waves and
// newcomers): every kind of page, checked by axe-core against WCAG 2.2 AA and
// measured at a 1280 px screen and a 360 px phone.
test.describe.configure({ mode: 'serial' });

const root = path.join(__dirname, '..', '..');

/** Checks the page at both widths: accessible, and never wider than its window. */
async function check(page: Page, what: string) {
  await expect(page.locator('h1').first()).toBeVisible();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await expectNoSidewaysScroll(page, `${what} at ${width} px`);
    await expectAccessible(page, `${what} at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('every page kind meets WCAG 2.2 AA and fits a phone', async ({ page, browser, baseURL }, info) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  for (const [path, what] of [
    ['/', 'home'],
    ['/people', 'people'],
    ['/people/import', 'import'],
    ['/surveys', 'surveys'],
    ['/surveys/new', 'survey builder'],
    ['/newcomers', 'newcomers'],
    ['/accounts', 'accounts'],
    ['/audit', 'audit log'],
  ]) {
    await page.goto(path);
    await check(page, what);
  }
  // A person, and a newcomer's page for HR.
  await page.goto('/people');
  await page.getByRole('link', { name: 'Carla Tavares' }).click();
  await check(page, 'a person');
  await page.goto('/newcomers');
  await page.getByRole('link', { name: 'Nina Novak' }).first().click();
  await expect(page).toHaveURL(/\/newcomers\/\d+/);
  await check(page, 'one newcomer');

  // The insight workbench of an analysed wave: each part, the map among them.
  await page.goto('/surveys');
  await page.getByRole('link', { name: 'Insight check' }).click();
  await page.getByRole('link', { name: 'Network insight' }).click();
  await check(page, 'insight summary');
  for (const part of ['Key players', 'Map', 'Groups', 'People', 'Across waves', 'Downloads']) {
    await page.getByRole('navigation', { name: 'Parts of the insight' }).getByRole('link', { name: part }).click();
    if (part === 'Map' && info.project.use.javaScriptEnabled) {
      await expect(page.locator('.map-live').first()).toHaveAttribute('data-painted-at', /\d/);
    }
    await check(page, `insight: ${part}`);
  }

  // A draft survey's preview, and the respondent's page from a personal link.
  await page.goto('/surveys/new');
  await page.locator('input[name="f[name]"]').fill('Accessibility check');
  await page.getByRole('button', { name: 'Create survey' }).click();
  await page.getByRole('link', { name: 'Preview the survey page and the invitation' }).click();
  await check(page, 'survey preview');
  await page.goBack();
  await page.getByText('Open wave and invite…').click();
  await page.getByRole('button', { name: /^Yes, invite \d+ people now$/ }).click();
  const survey = page.url().split('/surveys/')[1].split('?')[0];
  const dataDir = path.join(root, 'target', 'e2e', info.project.name);
  const link = execFileSync(path.join(root, 'target', 'debug', 'knit'), ['survey', 'link', '--survey', survey, '--email', 'joao@acme.test'], {
    env: { ...process.env, KNIT_DATA_DIR: dataDir, DATABASE_URL: `sqlite://${dataDir}/knit.db`, KNIT_PUBLIC_URL: baseURL! },
  })
    .toString()
    .trim();
  const respondent = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await respondent.goto(link);
  await check(respondent, 'respondent');

  // The newcomer's own page, from the link in their introductions.
  const introductions = outboxFiles(info.project.name).filter((f) => f.endsWith('-introductions-nina@acme.test.eml')).pop();
  expect(introductions, 'Nina got her introductions earlier').toBeTruthy();
  const eml = fs.readFileSync(path.join(outbox(info.project.name), introductions!), 'utf8').replace(/=\r?\n/g, '');
  const own = eml.match(/http:\/\/127\.0\.0\.1:\d+\/n\/[0-9a-f]{64}/)?.[0];
  const newcomer = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await newcomer.goto(own!);
  await check(newcomer, "the newcomer's own page");

  // Signed out: the sign-in page.
  const visitor = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await visitor.goto('/login');
  await check(visitor, 'sign-in');
});
