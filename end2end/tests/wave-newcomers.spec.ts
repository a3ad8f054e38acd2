import { test, expect, openSurvey, signInAsAdmin, outboxFiles, newMessage } from './fixtures';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

test.describe.configure({ mode: 'serial' });

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

test('a newcomer opens the emailed link and marks an introduction "we met"', async ({ page, browser }, info) => {
  await signInAsAdmin(page);
  // HR sends by hand here, with no one held out: the rounds schedule and the
  // experiment are tried below.
  await page.goto('/newcomers');
  await page.getByText('Newcomer settings').click();
  await page.getByLabel(/Introduction rounds, days after hire/).fill('');
  await page.getByLabel(/Rounds that wait for your approval/).fill('');
  await page.getByLabel(/Held out at random/).fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Newcomer settings saved.');

  // Two people who joined last month, added to the test roster.
  const roster = fs.readFileSync(path.join(__dirname, '..', 'files', 'roster.csv'), 'utf8').trimEnd();
  const file = path.join(os.tmpdir(), `knit-newcomers-${info.project.name}.csv`);
  fs.writeFileSync(
    file,
    `${roster}\nnina@acme.test;Nina Novak;Engineering;Platform;Engineer;carla@acme.test;Lisbon;${daysAgo(30)};3\n` +
      `omar@acme.test;Omar Reis;Sales;Field;Account manager;;Porto;${daysAgo(40)};3\n`,
  );
  await page.goto('/people/import');
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await expect(page.getByRole('status')).toContainText('Import applied');

  await openSurvey(page, 'Newcomer wave');
  await page.getByText('Close wave…').click();
  await page.getByRole('button', { name: /^Yes, close wave/ }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Closed' })).toBeVisible();

  // The newcomers page reads the wave once it is analysed (in the background).
  await expect(async () => {
    await page.goto('/newcomers');
    await expect(page.getByRole('link', { name: 'Nina Novak' }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  const before = outboxFiles(info.project.name);
  await page.getByText('Nina Novak', { exact: true }).last().click();
  await page.getByRole('button', { name: 'Send Nina Novak the next round now' }).click();
  await expect(page.getByRole('status')).toHaveText('Introductions for Nina Novak are on their way.');
  await expect(page).toHaveURL(/\/newcomers\/\d+\?sent=1$/);

  const eml = await newMessage(info.project.name, 'introductions', 'nina@acme.test', before);
  expect(eml).toContain('Omar Reis joined recently too.');
  const link = eml.match(/http:\/\/127\.0\.0\.1:\d+\/n\/[0-9a-f]{64}/)?.[0];
  expect(link).toBeTruthy();

  const newcomer = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await newcomer.goto(link!);
  await expect(newcomer).toHaveURL(/\/welcome$/);
  await expect(newcomer.getByRole('heading', { name: 'People worth meeting' })).toBeVisible();
  const omar = newcomer.locator('li.introduction').filter({ hasText: 'Omar Reis' });
  await expect(omar).toContainText('Not yet');
  await expect(omar.getByRole('link', { name: 'omar@acme.test' })).toHaveAttribute('href', 'mailto:omar@acme.test');
  const omarIntroduction = await omar.locator('input[name=id]').first().getAttribute('value');
  await omar.getByRole('button', { name: 'Later: Omar Reis' }).click();
  await expect(newcomer.locator('li.introduction').filter({ hasText: 'Omar Reis' })).toContainText('Later');

  // "Did you meet?" links open her page on the question, answered in one click.
  await newcomer.goto(`${link}?ask=${omarIntroduction}`);
  await expect(newcomer).toHaveURL(new RegExp(`/welcome\\?ask=${omarIntroduction}$`));
  const asked = newcomer.getByRole('group', { name: 'Did you meet Omar Reis?' });
  await asked.getByRole('button', { name: 'We met: Omar Reis' }).click();
  await expect(newcomer.locator('li.introduction').filter({ hasText: 'Omar Reis' })).toContainText('You met');
  await newcomer.close();
});

test('HR sets newcomer rules and follows one newcomer on their own page', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/newcomers');
  await page.getByText('Newcomer settings').click();
  await page.getByLabel('Cohorts by hire').selectOption('quarter');
  await page.getByLabel('Pulse days after hire').fill('30, 90, 400');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert')).toContainText('Pulse days: enter a whole number from 1 to 180');

  await page.goto('/newcomers');
  await page.getByText('Newcomer settings').click();
  await page.getByLabel('Cohorts by hire').selectOption('quarter');
  await page.getByLabel('Pulse days after hire').fill('30, 90');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Newcomer settings saved.');
  const cohorts = page.locator('table.cohorts');
  await expect(cohorts.getByRole('row').filter({ hasText: /\d{4} Q[1-4]/ })).toHaveCount(1);
  await expect(cohorts.getByRole('row').last()).toContainText('Tenured');
  await expect(page.getByRole('row', { name: /Met an introduction 1/ })).toBeVisible();

  // What the evidence for introductions is, each kind said for what it is.
  await page.getByText('Do introductions work? What the evidence is').click();
  const evidence = page.locator('details.evidence');
  await expect(evidence.getByRole('row', { name: /a primary school in Lyon .* 26\.5% 24\.9% 24\.3% 2\.0% SocioPatterns/ })).toBeVisible();
  await expect(evidence).toContainText('a model, not data');

  await page.getByRole('link', { name: 'Nina Novak' }).first().click();
  await expect(page).toHaveURL(/\/newcomers\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Nina Novak' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Nina Novak: people who come to them/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /^Wave 1 \d{4}-\d{2}-\d{2}/ })).toBeVisible();
  const timeline = page.locator('ol.timeline');
  await expect(timeline).toContainText('Joined Platform');
  await expect(timeline).toContainText('Introduced to');
  await expect(timeline).toContainText('Marked “we met”: Omar Reis');
});

test('HR approves a scheduled round from the queue, and reads the experiment', async ({ page }, info) => {
  await signInAsAdmin(page);
  // Omar joined 40 days ago: a round due on day 30 is still open to make, and
  // it waits for HR.
  await page.goto('/newcomers');
  await page.getByText('Newcomer settings').click();
  await page.getByLabel(/Introduction rounds, days after hire/).fill('30');
  await page.getByLabel(/Rounds that wait for your approval/).fill('30');
  await page.getByLabel(/Held out at random/).fill('0');
  const before = outboxFiles(info.project.name);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Newcomer settings saved.');
  await expect(page.getByRole('heading', { name: 'Waiting for your approval' })).toBeVisible();
  const draft = page.locator('li.draft').filter({ hasText: 'Omar Reis · round 1' });
  await expect(draft).toContainText('draft');
  await expect(draft.locator('ul.players > li').first()).toBeVisible();
  // Nothing goes out before HR approves.
  expect(outboxFiles(info.project.name).filter((f) => !before.includes(f) && f.includes('omar'))).toEqual([]);
  await draft.getByRole('button', { name: "Approve and send Omar Reis's round" }).click();
  await expect(page.getByRole('status')).toHaveText('The round is on its way.');
  await expect(page.locator('li.draft').filter({ hasText: 'Omar Reis · round 1' })).toHaveCount(0);
  const eml = await newMessage(info.project.name, 'introductions', 'omar@acme.test', before);
  expect(eml).toContain('people worth meeting');

  // The experiment says plainly that nothing was held out yet.
  await expect(page.getByRole('heading', { name: /Do introductions work here\?/ })).toBeVisible();
  await expect(page.getByText(/No round has gone out with anyone held out yet/)).toBeVisible();
});
