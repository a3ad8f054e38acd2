import { test, expect, openSurvey, outboxFiles, newMessage } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('invitations are emailed with a working personal link, and HR sees their delivery', async ({ page, browser }, info) => {
  const before = outboxFiles(info.project.name);
  const survey = await openSurvey(page, 'Emailed network');
  const eml = await newMessage(info.project.name, 'invitation', 'bea@acme.test', before);
  expect(eml).toContain('Content-Type: multipart/alternative');
  expect(eml).toContain('Content-Type: text/html');
  expect(eml).toContain('Subject: Acme Health: Emailed network');
  const link = eml.match(/http:\/\/127\.0\.0\.1:\d+\/s\/[0-9a-f]{64}/)?.[0];
  expect(link, 'the message carries a personal link').toBeTruthy();

  const respondent = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await respondent.goto(link!);
  await expect(respondent.getByText('Hello Beatriz Sousa.')).toBeVisible();
  await respondent.close();

  await page.goto(`/surveys/${survey}`);
  const wave = page.locator('.wave').filter({ has: page.getByRole('heading', { name: 'Wave 1 · Open' }) });
  await expect(wave.getByRole('heading', { name: 'Email' })).toBeVisible();
  await expect(wave.locator('.stats div').filter({ hasText: 'Sent' }).locator('dd')).toHaveText('4');
  await expect(wave.locator('.stats div').filter({ hasText: 'Links opened' }).locator('dd')).toHaveText('1 (25%)');

  await wave.getByRole('button', { name: 'Send a reminder now' }).click();
  await expect(page.getByRole('status')).toHaveText('A reminder is on its way to the 4 people who have not answered.');
  await expect(page.getByText('Reminder 1 (sent by hand): 4 people')).toBeVisible();
});

test('HR rewords the invitation, previews it and is told what to fix', async ({ page }) => {
  await openSurvey(page, 'Wording check');
  await page.goto('/surveys');
  await page.getByRole('link', { name: 'Email wording' }).click();
  const invitation = page.locator('#invitation');
  await expect(invitation.getByRole('heading', { name: /Invitation/ })).toBeVisible();

  await invitation.locator('input[name=subject]').fill('{{organization}} asks you: {{survey}} by {{closes}}');
  await invitation.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert')).toContainText('Subject: {{closes}} is not a placeholder.');

  await page.goto('/surveys/email');
  await invitation.locator('input[name=subject]').fill('{{organization}} asks you: {{survey}}');
  // The saved wording shows first; Preview posts the words as typed to the
  // frame, without a page load and without them in any address.
  const frame = page.frameLocator('iframe[title="The message as HTML: Invitation"]');
  await expect(frame.getByText('Subject: Acme Health: Who helps whom, spring')).toBeVisible();
  const address = page.url();
  await invitation.getByRole('button', { name: 'Preview' }).click();
  await expect(frame.getByText('Subject: Acme Health asks you: Who helps whom, spring')).toBeVisible();
  await expect(frame.getByRole('link', { name: 'Open your survey' })).toBeVisible();
  await expect(frame.getByText('Hello Alex Example,', { exact: true })).toBeVisible();
  expect(page.url()).toBe(address);
  await expect(invitation.locator('input[name=subject]')).toHaveValue('{{organization}} asks you: {{survey}}');

  await page.locator('#invitation').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Invitation saved.');
  await expect(page.locator('#invitation input[name=subject]')).toHaveValue('{{organization}} asks you: {{survey}}');
  await page.locator('#invitation').getByRole('button', { name: 'Restore the built-in wording' }).click();
  await expect(page.locator('#invitation input[name=subject]')).toHaveValue('{{organization}}: {{survey}}');
});
