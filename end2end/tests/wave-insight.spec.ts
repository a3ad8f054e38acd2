import type { Page } from '@playwright/test';
import { test, expect, openSurvey, inDays } from './fixtures';

/** The interactive map (WebGL) of the insight page: drawn, searched, zoomed, filtered. */
async function interactiveMap(page: Page) {
  const map = page.getByRole('img', { name: 'Network map', exact: true }).first();
  await map.scrollIntoViewIfNeeded();
  const mount = page.locator('.map-live').first();
  await expect(mount).toHaveAttribute('data-painted-at', /\d/);
  // It takes the picture's place, and the server-drawn Redraw form's.
  await expect(page.getByRole('img', { name: /^Network map of/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Redraw' })).toBeHidden();
  const status = mount.getByRole('status');
  await expect(status).toContainText('4 of 4 people');
  await expect(mount.locator('ul.map-legend')).toContainText('Engineering (3)');
  // "Find a person", from the keyboard: / on the map moves to the search box.
  await map.focus();
  await page.keyboard.press('/');
  await expect(mount.getByLabel('Find a person')).toBeFocused();
  await page.keyboard.type('Beatriz');
  await page.keyboard.press('Enter');
  const card = mount.locator('aside.map-card');
  await expect(card.getByRole('heading', { name: 'Beatriz Sousa' })).toBeVisible();
  await expect(card).toContainText('in degree');
  await expect(card).toContainText('Sales');
  await expect(card.getByRole('link', { name: 'Their page' })).toHaveAttribute('href', /^\/people\/\d+$/);
  // She is at the centre; zooming from the keyboard keeps her there, and the
  // name shows on hover.
  await map.focus();
  const frames = Number(await mount.getAttribute('data-frames'));
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect.poll(async () => Number(await mount.getAttribute('data-frames'))).toBeGreaterThan(frames);
  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(map).toHaveAttribute('title', 'Beatriz Sousa');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(card.getByRole('heading', { name: 'Beatriz Sousa' })).toBeVisible();
  // The card never covers the person it shows.
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await expect.poll(async () => {
    const c = (await card.boundingBox())!;
    return x >= c.x && x <= c.x + c.width && y >= c.y && y <= c.y + c.height;
  }, { message: 'the card leaves Beatriz in view' }).toBe(false);
  // Colour by any attribute, and filters: group, role, in-degree.
  await mount.getByLabel('Colour by').selectOption('location');
  await expect(mount.locator('ul.map-legend')).toContainText('Lisbon (3)');
  await mount.getByLabel('Group').selectOption('Porto');
  await expect(status).toContainText('1 of 4 people');
  await mount.getByLabel('Group').selectOption('');
  await mount.getByLabel('Named by at least').fill('1');
  await expect(status).toContainText(/(0|1) of 4 people/);
  await mount.getByLabel('Named by at least').fill('0');
  await expect(status).toContainText('4 of 4 people');
  // By role: no one answered, so no one holds a role (not answering is not
  // being peripheral).
  await mount.getByLabel('Colour by').selectOption('roles');
  await expect(mount.locator('ul.map-legend')).toContainText('no role (4)');
  // The ego view: the person found (Beatriz, no ties yet) and her colleagues alone.
  await mount.getByLabel('only them and their colleagues').check();
  await expect(status).toContainText('1 of 4 people');
  await mount.getByLabel('only them and their colleagues').uncheck();
  await expect(status).toContainText('4 of 4 people');
  await expect(mount.getByLabel('Network', { exact: true }).locator('option')).toHaveCount(1);
}

test.describe.configure({ mode: 'serial' });

test('closing a wave analyses it, and HR reads the insight page', async ({ page }) => {
  const survey = await openSurvey(page, 'Insight check');
  await page.getByText('Close wave…').click();
  await page.getByRole('button', { name: /^Yes, close wave/ }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Closed' })).toBeVisible();
  await page.getByRole('link', { name: 'Network insight' }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · insight' })).toBeVisible();
  // Computed when the wave closed, in the background (the page refreshes itself
  // while a computation runs; one that has not started yet needs a reload).
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Answered by 0 of 4 \(0%\) · low confidence/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  // The summary first; each part a tab with its own address.
  await expect(page.getByRole('heading', { name: 'What stands out' })).toBeVisible();
  await expect(page.getByText('4 people did not answer')).toBeVisible();
  const parts = page.getByRole('navigation', { name: 'Parts of the insight' });
  await parts.getByRole('link', { name: 'Key players' }).click();
  await expect(page).toHaveURL(/part=players/);
  await expect(page.getByRole('heading', { name: 'Did not answer (4)' })).toBeVisible();
  await parts.getByRole('link', { name: 'Groups' }).click();
  await expect(page.locator('table.heatmap').first()).toContainText('From \\ to');
  await parts.getByRole('link', { name: 'Map' }).click();
  await expect(page).toHaveURL(/part=map/);
  if (test.info().project.name === 'javascript-off') {
    // Without JavaScript the map is a picture of the stored layout that loads.
    const picture = page.getByRole('img', { name: /^Network map of/ }).first();
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  } else {
    await interactiveMap(page);
  }
  // The map fills the window, and comes back.
  await page.getByRole('link', { name: 'Full window' }).click();
  await expect(page).toHaveURL(/full=1/);
  await page.getByRole('link', { name: 'Back to the page' }).click();
  await parts.getByRole('link', { name: 'People' }).click();
  // The people table sorts by a column from its header.
  const table = page.locator('table.people-figures').first();
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await table.getByRole('link', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=name/);
  await expect(page.locator('table.people-figures').first().locator('th[aria-sort="descending"], th[aria-sort="ascending"]')).toContainText('Name');
  await page.getByRole('button', { name: 'Analyse again' }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · insight' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('navigation', { name: 'Parts of the insight' }).getByRole('link', { name: 'Summary' }).click();
  await expect(page.getByText(/Answered by 0 of 4/).first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Insight check' }).click();
  await expect(page).toHaveURL(new RegExp(`/surveys/${survey}$`));
});

test('a calendar export is previewed, then added and laid over the survey', async ({ page }) => {
  await openSurvey(page, 'Meetings check');
  await page.getByRole('link', { name: 'Network insight' }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · insight' })).toBeVisible();
  await page.goto(page.url().split('?')[0] + '?part=downloads');
  const day = inDays(-2).replaceAll('-', '');
  const calendar = [
    'BEGIN:VCALENDAR', 'VERSION:2.0',
    'BEGIN:VEVENT', 'UID:e2e-1', 'SUMMARY:Roadmap', `DTSTART:${day}T090000Z`, `DTEND:${day}T110000Z`,
    'ORGANIZER:mailto:carla@acme.test', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:rui@acme.test',
    'ATTENDEE;PARTSTAT=DECLINED:mailto:bea@acme.test', 'END:VEVENT',
    'END:VCALENDAR', '',
  ].join('\r\n');
  const form = page.locator('section.add-network form[enctype="multipart/form-data"]');
  await form.getByLabel('Name').fill('Meetings');
  await form.getByLabel('Kind of file').selectOption('ics');
  await form.getByLabel('Files').setInputFiles({ name: 'team.ics', mimeType: 'text/calendar', buffer: Buffer.from(calendar) });
  await form.getByRole('button', { name: 'Read and preview' }).click();
  // What it holds, before anything is added.
  const preview = page.locator('.draft');
  await expect(preview.getByRole('heading', { name: 'What "Meetings" (team.ics) holds' })).toBeVisible();
  // Read in the background: the page refreshes itself until it is.
  await expect(preview).toContainText('Read 1 meeting', { timeout: 20_000 });
  await expect(preview).toContainText('2 ties between 2 people on the roster');
  await preview.getByRole('button', { name: 'Add 2 ties and analyse' }).click();
  await expect(page.getByText('Added 2 ties; the wave is being analysed again.')).toBeVisible();
  // Analysed like a question, and laid over the survey's.
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('navigation', { name: 'Questions' }).getByRole('link', { name: 'Meetings' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('link', { name: 'Meetings' }).click();
  await page.getByRole('navigation', { name: 'Parts of the insight' }).getByRole('link', { name: 'Said and done' }).click();
  await expect(page.getByRole('heading', { name: 'What people say against what they do' })).toBeVisible();
  await expect(page.getByText(/^0 pairs of people are tied in both “Meetings” and/)).toBeVisible();
  await expect(page.getByRole('img', { name: /tied in both “Meetings” and/ })).toBeVisible();
});
