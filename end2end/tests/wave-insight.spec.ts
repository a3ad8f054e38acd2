import { test, expect, openSurvey } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('closing a wave analyses it, and HR reads the insight page', async ({ page }) => {
  const survey = await openSurvey(page, 'Insight check');
  await page.getByRole('button', { name: 'Close wave' }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Closed' })).toBeVisible();
  await page.getByRole('link', { name: 'Network insight' }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · insight' })).toBeVisible();
  // Computed when the wave closed, in the background (the page refreshes itself
  // while a computation runs; one that has not started yet needs a reload).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Answered by 0 of 4 \(0%\) · low confidence/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: 'Key players' }).first()).toBeVisible();
  await expect(page.locator('table.heatmap').first()).toContainText('From \\ to');
  // The map, drawn from the stored layout, as a picture that loads.
  const map = page.getByRole('img', { name: /^Network map of/ }).first();
  await map.scrollIntoViewIfNeeded();
  await expect.poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  // The people table sorts by a column from its header.
  const table = page.locator('table.people-figures').first();
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await table.getByRole('link', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.locator('table.people-figures').first().locator('th[aria-sort="descending"], th[aria-sort="ascending"]')).toContainText('Name');
  await page.getByRole('button', { name: 'Analyse again' }).click();
  await expect(page.getByText(/Answered by 0 of 4/).first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Insight check' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${survey}$`));
});
