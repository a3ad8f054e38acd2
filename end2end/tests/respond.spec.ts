import { test, expect, openSurvey, expectAccessible, expectKeyboardReachable, expectNoSidewaysScroll } from './fixtures';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

test.describe.configure({ mode: 'serial' });

const root = path.join(__dirname, '..', '..');

/** A personal link, as `knit survey link` prints it for this project's server. */
function personalLink(project: string, baseURL: string, survey: string, email: string): string {
  const dataDir = path.join(root, 'target', 'e2e', project);
  return execFileSync(path.join(root, 'target', 'debug', 'knit'), ['survey', 'link', '--survey', survey, '--email', email], {
    env: { ...process.env, KNIT_DATA_DIR: dataDir, DATABASE_URL: `sqlite://${dataDir}/knit.db`, KNIT_PUBLIC_URL: baseURL },
  })
    .toString()
    .trim();
}

test('a respondent names colleagues from a personal link, rates them and submits', async ({ page, browser, baseURL }, info) => {
  const survey = await openSurvey(page);
  const link = personalLink(info.project.name, baseURL!, survey, 'rui@acme.test');
  expect(link).toMatch(/\/s\/[0-9a-f]{64}$/);

  const respondent = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await respondent.goto(link);
  await expect(respondent).toHaveURL(/\/respond$/);
  await expect(respondent.getByRole('heading', { name: 'Spring network' })).toBeVisible();
  await expect(respondent.getByText('Hello Rui Costa.')).toBeVisible();
  // On a phone the first question is on the first screen: who sees what is folded.
  await respondent.setViewportSize({ width: 360, height: 740 });
  const first = respondent.getByRole('group', { name: /Whom do you turn to for information/ });
  const top = await first.evaluate((e) => e.getBoundingClientRect().top);
  expect(top).toBeLessThan(740);
  await respondent.setViewportSize({ width: 1280, height: 800 });
  // Who sees what, written from the privacy settings.
  await respondent.getByText('Who sees what, and for how long').click();
  await expect(respondent.getByText('at least 5 people, and never two figures')).toBeVisible();
  await expect(respondent.getByText('Answers are deleted 24 months after the survey closes.')).toBeVisible();

  // Readable on a 360 px phone: nothing scrolls sideways.
  await respondent.setViewportSize({ width: 360, height: 740 });
  const overflow = await respondent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  const question = respondent.getByRole('group', { name: /Whom do you turn to for information/ });
  await question.locator('input[type=search]').fill('rui');
  await question.getByRole('button', { name: 'Find' }).click();
  await expect(respondent.getByText('No one matches “rui”')).toBeVisible();

  await question.locator('input[type=search]').fill('ta');
  await question.getByRole('button', { name: 'Find' }).click();
  const results = respondent.getByRole('list', { name: 'Matching colleagues' });
  await expect(results.getByRole('button')).toHaveCount(2);
  await expect(results).toContainText('João Gonçalves');
  await expect(results).toContainText('Data Engineer · Data');
  await results.getByRole('button', { name: /Carla Tavares/ }).click();

  const chip = respondent.locator('li.chip').filter({ hasText: 'Carla Tavares' });
  await expect(chip).toBeVisible();
  await chip.getByRole('combobox').selectOption({ label: 'Weekly' });
  await respondent.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(respondent.getByRole('status')).toContainText('Thank you: your answers are submitted.');

  await respondent.goto('/respond');
  await expect(respondent.locator('li.chip').filter({ hasText: 'Carla Tavares' }).getByRole('combobox')).toHaveValue('3');
  await expect(respondent.getByRole('button', { name: 'Submit changes' })).toBeVisible();

  // HR sees the answer counted, then closes the wave.
  await page.reload();
  await expect(page.getByText('Response rate: 1 of 4 (25%)')).toBeVisible();
  await page.getByText('Close wave…').click();
  await page.getByRole('button', { name: /^Yes, close wave/ }).click();
  await expect(page.getByRole('heading', { name: 'Wave 1 · Closed' })).toBeVisible();

  // Closing the wave ended the respondent's session: nothing of theirs is shown.
  const afterClose = await respondent.goto('/respond');
  expect(afterClose?.status()).toBe(422);
  await expect(respondent.getByText('Open the survey from the personal link in your invitation.')).toBeVisible();
  await expect(respondent.getByText('Carla Tavares')).toHaveCount(0);

  // Once the wave is analysed (in the background), the same link gives him his own network back.
  await expect(async () => {
    await respondent.goto(link);
    await expect(respondent).toHaveURL(/\/report$/, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(respondent.getByRole('heading', { name: 'Your network', exact: true })).toBeVisible();
  // His own map, named for screen readers, with the list it draws beside it.
  await expect(respondent.getByRole('img', { name: /^Your network: you in the middle, and around you the colleague you named/ })).toBeVisible();
  await expect(respondent.locator('ul.named')).toHaveText([/Carla Tavares/]);
  // Who named him is never shown; how many, only as a range under k.
  await expect(respondent.getByText('Fewer than 5 colleagues named you for this question.').first()).toBeVisible();
  await expectAccessible(respondent, 'the personal report');
  await expectKeyboardReachable(respondent, 'the personal report');
  await respondent.setViewportSize({ width: 360, height: 740 });
  await expectNoSidewaysScroll(respondent, 'the personal report');
});

test('a respondent may prefer not to take part, and change their mind', async ({ page, browser, baseURL }, info) => {
  const survey = await openSurvey(page, 'Autumn network');
  const link = personalLink(info.project.name, baseURL!, survey, 'bea@acme.test');
  const respondent = await browser.newPage({ javaScriptEnabled: info.project.use.javaScriptEnabled });
  await respondent.goto(link);
  await respondent.getByText('I prefer not to take part…').click();
  await respondent.getByRole('button', { name: 'Yes, I prefer not to take part' }).click();
  await expect(respondent.getByRole('status')).toContainText('you prefer not to take part');
  await expect(respondent.getByRole('button', { name: 'Submit', exact: true })).toHaveCount(0);

  // HR sees the choice counted apart from those who have not answered.
  await page.reload();
  await expect(page.getByText('Response rate: 0 of 4 (0%); 1 prefers not to take part')).toBeVisible();

  await respondent.getByRole('button', { name: 'Take part after all' }).click();
  await expect(respondent.getByRole('button', { name: 'Submit', exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByText('Response rate: 0 of 4 (0%)', { exact: true })).toBeVisible();
});

test('results appear from two typed letters and work with the keyboard alone', async ({ page, browser, baseURL }, info) => {
  test.skip(!info.project.use.javaScriptEnabled, 'live results need JavaScript; the Find button covers the rest');
  const survey = await openSurvey(page);
  const link = personalLink(info.project.name, baseURL!, survey, 'bea@acme.test');
  const respondent = await browser.newPage();
  await respondent.goto(link);
  // The live search needs the picker's code: wait until it has loaded.
  await expect(respondent.locator('.picker[data-hydrated="true"]')).toHaveCount(1);

  // A combobox (ARIA 1.2): the list is announced, focus stays in the box.
  const search = respondent.getByRole('combobox', { name: /Find a colleague/ });
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await search.pressSequentially('ta', { delay: 50 });
  const live = respondent.getByRole('listbox', { name: /Colleagues matching your search/ });
  // Carla Tavares, João (team Data) and Rui Costa; never the respondent herself.
  await expect(live.getByRole('option')).toHaveCount(3);
  await expect(respondent.locator('.picker-said')).toHaveText('3 colleagues found.');
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await expect(live).not.toContainText('Beatriz Sousa');
  await search.press('ArrowDown');
  await expect(search).toBeFocused();
  await expect(live.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await live.getByRole('option').first().getAttribute('id'))!);
  await respondent.keyboard.press('ArrowDown');
  await expect(live.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
  await respondent.keyboard.press('ArrowUp');
  // Enter names her without reloading the page.
  const loads: string[] = [];
  respondent.on('framenavigated', (frame) => { if (frame === respondent.mainFrame()) loads.push(frame.url()); });
  await respondent.keyboard.press('Enter');
  await expect(respondent.locator('li.chip')).toHaveCount(1);
  await expect(respondent.locator('li.chip')).toContainText('Carla Tavares');
  await expect(respondent.locator('.picker-said')).toHaveText('Carla Tavares added.');
  expect(loads, 'no page load').toEqual([]);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('');

  // A rating is saved as soon as it is chosen: nothing is lost if the tab closes.
  const chip = respondent.locator('li.chip');
  await expect(chip.locator('[data-hydrated="true"]')).toHaveCount(1);
  await chip.getByRole('combobox').selectOption({ label: 'Daily' });
  await expect(chip.getByText('Saved')).toBeVisible();
  await respondent.close();
  const again = await browser.newPage();
  await again.goto(link);
  await expect(again.locator('li.chip').getByRole('combobox')).toHaveValue('5');

  // So is an answer about oneself.
  const statement = again.getByRole('combobox', { name: /I know whom to ask/ });
  await expect(again.locator('label.field:has(select[name^="f[attr."])')).toHaveCount(1);
  await again.waitForFunction(() => document.querySelectorAll('leptos-island').length >= 3);
  await expect.poll(async () => {
    await statement.selectOption('4');
    return await again.getByText('Saved').count();
  }).toBeGreaterThan(0);
  const third = await browser.newPage();
  await third.goto(link);
  await expect(third.getByRole('combobox', { name: /I know whom to ask/ })).toHaveValue('4');
});

test('each respondent reads the survey in the language the roster, the browser or they choose', async ({ page, browser, baseURL }, info) => {
  const javaScriptEnabled = info.project.use.javaScriptEnabled;
  const survey = await openSurvey(page, 'Languages');
  // João's roster row says pt-PT, whatever his browser asks for.
  const joao = await (await browser.newContext({ locale: 'en-GB', javaScriptEnabled })).newPage();
  await joao.goto(personalLink(info.project.name, baseURL!, survey, 'joao@acme.test'));
  await expect(joao.getByText('Olá, João Gonçalves.')).toBeVisible();
  await expect(joao.getByRole('button', { name: 'Guardar e terminar mais tarde' })).toBeVisible();
  await joao.getByText('Quem vê o quê, e durante quanto tempo').click();
  await expect(joao.getByText('As respostas são apagadas 24 meses depois de o inquérito terminar.', { exact: false })).toBeVisible();

  // Rui's row names no language: his browser asks for German.
  const rui = await (await browser.newContext({ locale: 'de-DE', javaScriptEnabled })).newPage();
  await rui.goto(personalLink(info.project.name, baseURL!, survey, 'rui@acme.test'));
  await expect(rui.getByText('Hallo Rui Costa.')).toBeVisible();
  await expect(rui.locator('section.respond')).toHaveAttribute('lang', 'de');
  // Knit's own template question comes in German too.
  const question = rui.getByRole('group', { name: /An wen wenden Sie sich, wenn Sie Informationen oder Hilfe/ });
  if (javaScriptEnabled) {
    await expect(rui.locator('.picker[data-hydrated="true"]')).toHaveCount(1);
    const search = rui.getByRole('combobox', { name: /Kollegin oder Kollegen finden/ });
    await search.pressSequentially('ta', { delay: 50 });
    await expect(rui.locator('.picker-said')).toHaveText('2 Personen gefunden.');
    await search.press('ArrowDown');
    await search.press('Enter');
    await expect(rui.locator('.picker-said')).toHaveText(/^(Carla Tavares|João Gonçalves) hinzugefügt\.$/);
    await expect(rui.locator('li.chip').getByRole('button', { name: /entfernen$/ })).toHaveCount(1);
  } else {
    await question.getByRole('searchbox').fill('zz');
    await question.getByRole('button', { name: 'Suchen' }).click();
    await expect(rui.getByText('Niemand passt zu „zz“.', { exact: false })).toBeVisible();
  }
  await expectAccessible(rui, 'the respondent page in German');
  // Every control takes the keyboard's focus, named in German for a screen reader.
  const controls = await expectKeyboardReachable(rui, 'the respondent page in German');
  expect(controls).toEqual(expect.arrayContaining(['Sprache wechseln', 'Speichern und später fertigstellen']));

  // He prefers French: the page follows, and so will his emails.
  await rui.getByRole('combobox', { name: 'Sprache' }).selectOption('fr');
  await rui.getByRole('button', { name: 'Sprache wechseln' }).click();
  await expect(rui.getByText('Bonjour Rui Costa.')).toBeVisible();
  // Back to English, as the other tests expect him.
  await rui.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await rui.getByRole('button', { name: 'Changer de langue' }).click();
  await expect(rui.getByText('Hello Rui Costa.')).toBeVisible();
});
