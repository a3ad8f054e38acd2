import { test, expect, signInAsAdmin } from './fixtures';
import path from 'node:path';

test.describe.configure({ mode: 'serial' });

const file = (name: string) => path.join(__dirname, '..', 'files', name);

test('a file with problems is explained row by row and cannot be applied', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await page.getByRole('link', { name: 'Import CSV' }).click();
  await page.locator('input[type=file]').setInputFiles(file('roster-with-problems.csv'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  await expect(page.getByRole('heading', { name: 'Problems to fix' })).toBeVisible();
  const problems = page.locator('table.problems tbody tr');
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText('Start Date (column D)');
  await expect(problems.nth(0)).toContainText('YYYY-MM-DD');
  await expect(problems.nth(1)).toContainText('Email (column A)');
  await expect(problems.nth(2)).toContainText('Manager Email (column C)');
  await expect(problems.nth(2)).toContainText('No one with the email nobody@x.io');
  await expect(page.getByRole('button', { name: 'Apply import' })).toBeDisabled();
});

test('upload, preview and apply a roster', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/people/import');
  await page.locator('input[type=file]').setInputFiles(file('roster.csv'));
  await page.locator('input[name=as_of]').fill('2025-02-01');
  await page.getByRole('button', { name: 'Upload and preview' }).click();

  await expect(page.getByRole('heading', { name: /Preview: roster\.csv/ })).toBeVisible();
  await expect(page.getByText('4 rows read. Changes will be dated 2025-02-01.')).toBeVisible();
  await expect(page.getByText('Kept as custom attributes: Grade')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'To add (4)' })).toBeVisible();
  // Every column read can be checked before applying: department, manager, hire date, custom.
  const added = page.locator('table.sample');
  for (const column of ['Department', 'Team', 'Title', 'Location', 'Hire date', 'Manager', 'Language', 'Grade']) {
    await expect(added.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  const rui = added.getByRole('row').filter({ hasText: 'Rui Costa' });
  await expect(rui).toContainText('Engineering');
  await expect(rui).toContainText('carla@acme.test');
  await expect(rui).toContainText('2023-02-01');
  await page.getByRole('button', { name: 'Apply import' }).click();

  await expect(page.getByRole('status')).toContainText('Import applied: 4 added, 0 changed, 0 unchanged, 0 deactivated.');
  await expect(page.getByText('1–4 of 4 people')).toBeVisible();

  // Search folds accents, and a person's page shows their manager chain.
  await page.getByLabel('Search by name, email, team or title').fill('joao');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1–1 of 1 people')).toBeVisible();
  await page.getByRole('link', { name: 'João Gonçalves' }).click();
  await expect(page.getByRole('heading', { name: 'João Gonçalves' })).toBeVisible();
  await expect(page.locator('ol.chain li')).toHaveText([/Rui Costa/, /Carla Tavares/]);
  await expect(page.getByText('Grade')).toBeVisible();
});

test('the same file again changes nothing', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/people/import');
  await page.locator('input[type=file]').setInputFiles(file('roster.csv'));
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.locator('.stat').filter({ hasText: 'unchanged' })).toContainText('4');
  await expect(page.locator('.stat').filter({ hasText: 'to add' })).toContainText('0');
});

test('an edit with a mistake keeps what was typed and explains the fix', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/people?q=rui');
  await page.getByRole('link', { name: 'Rui Costa' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.locator('input[name=title]').fill('Staff Engineer');
  await page.locator('input[name=manager_email]').fill('joao@acme.test');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Manager: joao@acme.test reports to this person');
  await expect(page.locator('input[name=title]')).toHaveValue('Staff Engineer');

  await page.locator('input[name=manager_email]').fill('carla@acme.test');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.locator('table.list')).toContainText('Staff Engineer');
});
