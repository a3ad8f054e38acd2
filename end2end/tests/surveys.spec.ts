import { test, expect, signInAsAdmin } from './fixtures';
import path from 'node:path';

/** A date `days` from today, as a date input takes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test.describe.configure({ mode: 'serial' });

test('HR builds a survey from templates, opens its wave and sees who has answered', async ({ page }) => {
  await signInAsAdmin(page);
  // A roster to invite (the people tests may not have run on this server).
  await page.goto('/people/import');
  await page.locator('input[type=file]').setInputFiles(path.join(__dirname, '..', 'files', 'roster.csv'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  const apply = page.getByRole('button', { name: 'Apply import' });
  if (await apply.isEnabled()) {
    await apply.click();
  }

  await page.goto('/surveys');
  await page.getByRole('link', { name: 'New survey' }).click();
  // The introduction says why; Knit adds the promise itself, once.
  await expect(page.locator('textarea[name="f[introduction]"]')).toContainText('We are mapping how work really gets done here');
  await expect(page.getByText(/groups of at least 5 people/)).toBeVisible();

  // A mistake is explained and what was typed stays.
  await page.locator('input[name="f[name]"]').fill('Who helps whom');
  await page.locator('input[name="f[opens_on]"]').fill(inDays(10));
  await page.locator('input[name="f[closes_on]"]').fill(inDays(0));
  await page.getByRole('button', { name: 'Create survey' }).click();
  await expect(page.getByRole('alert')).toContainText('Closes on: the closing date must come after the opening date.');
  await expect(page.locator('input[name="f[name]"]')).toHaveValue('Who helps whom');

  await page.locator('input[name="f[rel.energy.ask]"]').check();
  await page.locator('input[name="f[rel.information.importance]"]').check();
  await page.locator('input[name="f[opens_on]"]').fill(inDays(0));
  await page.locator('input[name="f[closes_on]"]').fill(inDays(20));
  await page.getByRole('button', { name: 'Create survey' }).click();

  await expect(page.getByRole('heading', { name: 'Who helps whom' })).toBeVisible();
  await expect(page.locator('ol.plain-numbers').getByText('Whom do you turn to for information or help to get your work done?')).toBeVisible();
  await expect(page.getByText('rated: How often?, How important to your work?')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Draft' })).toBeVisible();

  // While it is a draft, its questions can change.
  await page.getByRole('link', { name: 'Edit questions' }).click();
  await expect(page.locator('input[name="f[rel.energy.ask]"]')).toBeChecked();
  await expect(page.locator('input[name="f[rel.information.importance]"]')).toBeChecked();
  await page.locator('input[name="f[rel.energy.ask]"]').uncheck();
  await page.locator('input[name="f[rel.custom.question]"]').fill('Whom do you mentor?');
  await page.getByRole('button', { name: 'Save survey' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.locator('ol.plain-numbers').getByText('Whom do you mentor?')).toBeVisible();
  await expect(page.getByText('How do you usually feel after interacting')).toHaveCount(0);

  // João reads Portuguese (the roster says so): before opening, the page says
  // what of the survey's own words he would read untranslated, and HR fills them in.
  await expect(page.getByRole('note')).toContainText('not yet translated for Portuguese (1 person)');
  const portuguese = page.locator('details.translation').filter({ hasText: 'Portuguese' });
  await portuguese.locator('summary').click();
  await portuguese.getByLabel('Whom do you mentor?').fill('Quem orienta?');
  await portuguese.getByRole('button', { name: 'Save the Portuguese translation' }).click();
  await expect(page.getByRole('status')).toHaveText('Translation saved.');
  await expect(page.locator('details.translation').filter({ hasText: 'Portuguese' }).locator('summary')).toContainText('texts not translated yet');
  await expect(page.locator('details.translation').filter({ hasText: 'Portuguese' }).getByLabel('Whom do you mentor?')).toHaveValue('Quem orienta?');

  // A draft sends nothing: HR sees whom it would invite and what they would
  // get, then opens it (or has it open on its date).
  await expect(page.getByText('4 people would be invited')).toBeVisible();
  await page.getByRole('button', { name: /^Open it on its own on / }).click();
  await expect(page.getByText(/Draft · opens on its own on/)).toBeVisible();
  await page.getByRole('button', { name: 'Keep it a draft instead' }).click();
  await expect(page.getByText(/Draft · nothing is sent until you open it/)).toBeVisible();
  await page.getByRole('link', { name: 'Preview the survey page and the invitation' }).click();
  await expect(page.getByRole('heading', { name: 'The invitation' })).toBeVisible();
  await expect(page.getByText('Whom do you mentor?')).toBeVisible();
  await page.goBack();
  await page.getByText('Open wave and invite…').click();
  await page.getByRole('button', { name: 'Yes, invite 4 people now' }).click();
  await expect(page.getByRole('status')).toContainText('The wave is open: 4 people were invited; their emails are on their way.');
  await expect(page.getByRole('heading', { name: 'Wave 1 · Open' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit questions' })).toHaveCount(0);
  await expect(page.getByText('Response rate: 0 of 4 (0%)')).toBeVisible();
  await expect(page.getByText('Not answered yet (4)')).toBeVisible();
  // The start page shows the open wave's progress and links to it.
  await page.goto('/');
  await expect(page.getByRole('link', { name: /0 \/ 4 answered Who helps whom/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /active people in the roster/ })).toContainText('4');
  await page.getByRole('link', { name: /answered Who helps whom/ }).click();

  // A missing invitation: HR gives a new link (shown once), or revokes it.
  await page.getByText('Not answered yet (4)').click();
  const carla = page.locator('li.person-row').filter({ hasText: 'Carla Tavares' });
  await carla.getByRole('button', { name: 'New link' }).click();
  await expect(page.getByRole('heading', { name: 'New personal link' })).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Personal link' }).inputValue();
  expect(link).toMatch(/\/s\/[0-9a-f]{64}$/);
  await page.getByRole('link', { name: 'Back to the survey' }).click();
  await page.getByText('Not answered yet (4)').click();
  await page.locator('li.person-row').filter({ hasText: 'Carla Tavares' }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page).toHaveURL(/revoked=1/);
  const revoked = await page.request.get(link, { maxRedirects: 0 });
  expect(revoked.status()).toBe(404);

  await page.getByText('Close wave…').click();
  await page.getByRole('button', { name: /^Yes, close wave/ }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Closed' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Run it again' })).toBeVisible();
});
