import { test, expect, admin, newMessage, outboxFiles, expectAccessible, type Page } from './fixtures';

// These steps build on each other (setup first), so they run in order.
test.describe.configure({ mode: 'serial' });


/** With JavaScript on, wait until the client has taken over the page. */
async function ready(page: Page, javaScriptEnabled: boolean | undefined) {
  if (javaScriptEnabled) {
    await expect(page.locator('[data-hydrated="true"]').first()).toBeAttached();
  }
}

test('first run shows setup, which creates the first admin', async ({ page, javaScriptEnabled }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Knit' })).toBeVisible();
  await ready(page, javaScriptEnabled);
  await expectAccessible(page, 'setup');

  // Bad input is explained, and nothing is created.
  await page.locator('input[name=organization]').fill(admin.organization);
  await page.locator('input[name=name]').fill(admin.name);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('alert')).toContainText('Password: use at least 10 characters');
  // What was typed comes back, and never lands in the address bar.
  await expect(page.locator('input[name=email]')).toHaveValue(admin.email);
  expect(page.url()).not.toContain(encodeURIComponent(admin.email));
  expect(page.url()).not.toContain(admin.email);

  await ready(page, javaScriptEnabled);
  await page.locator('input[name=organization]').fill(admin.organization);
  await page.locator('input[name=name]').fill(admin.name);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
  await expect(page.getByText(admin.organization)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Account' })).toContainText(admin.name);
  // An empty instance says what to do first.
  const steps = page.locator('.first-steps li');
  await expect(steps).toHaveCount(4);
  await expect(page.getByRole('link', { name: 'Import your roster' })).toHaveAttribute('href', '/people/import');
  await expect(steps.first()).toContainText('To do:');
});

test('sign out ends the session', async ({ page, javaScriptEnabled }) => {
  await signIn(page, javaScriptEnabled);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The start page now asks for sign-in again.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
});

test('a wrong password is refused with a clear message', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill('not my password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page.locator('input[name=email]')).toHaveValue(admin.email);
  await expect(page.locator('input[name=password]')).toHaveValue('');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('navigation', { name: 'Account' })).toHaveCount(0);
});

test('sign in returns to the page that asked for it', async ({ page, javaScriptEnabled }) => {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?next=%2Faccount$/);
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email.toUpperCase());
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByText('Administrator').first()).toBeVisible();
});

test('the Show button works only once the client has hydrated', async ({ page, javaScriptEnabled }) => {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  const password = page.locator('input[name=password]');
  await password.fill('peekaboo');
  await page.getByRole('button', { name: 'Show password' }).click();
  // A client-side interaction: with JavaScript off the button can do nothing.
  await expect(password).toHaveAttribute('type', javaScriptEnabled ? 'text' : 'password');
});

test('pages fit a 360 px phone screen', async ({ page, javaScriptEnabled }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, javaScriptEnabled);
  for (const path of ['/', '/account']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});

test('a forgotten password is set again from an emailed link that works once', async ({ page, javaScriptEnabled }, info) => {
  const lee = { email: `lee-${info.project.name}@acme.test`, password: 'a new passphrase for Lee' };
  await signIn(page, javaScriptEnabled);
  await page.goto('/accounts');
  const add = page.locator('form').filter({ has: page.getByRole('button', { name: 'Add account' }) });
  await add.locator('input[name=name]').fill('Lee');
  await add.locator('input[name=email]').fill(lee.email);
  await add.locator('select[name=role]').selectOption('analyst');
  await add.getByRole('button', { name: 'Add account' }).click();
  // No one but Lee chooses Lee's password: the account gets a link by email.
  await expect(page.getByRole('status')).toContainText('a link to set their own password');
  await expect(page.getByRole('cell', { name: lee.email })).toBeVisible();
  await newMessage(info.project.name, 'account_welcome', lee.email, []);
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();

  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  const before = outboxFiles(info.project.name);
  await page.locator('input[name=email]').fill(lee.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses that email');
  const eml = await newMessage(info.project.name, 'password_reset', lee.email, before);
  const link = eml.match(/http:\/\/127\.0\.0\.1:\d+\/reset\/[0-9a-f]{64}/)?.[0];
  expect(link, 'the message carries the link').toBeTruthy();

  await page.goto(link!);
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=new_password]').fill(lee.password);
  await page.locator('input[name=confirm_password]').fill(lee.password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/login\?password_set=1$/);
  await expect(page.getByRole('status')).toContainText('Your new password is set');
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(lee.email);
  await page.locator('input[name=password]').fill(lee.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Welcome, Lee' })).toBeVisible();

  // Used once, the link is dead.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toHaveText('This link has expired or was already used.');
});

async function signIn(page: Page, javaScriptEnabled: boolean | undefined) {
  await page.goto('/login');
  await ready(page, javaScriptEnabled);
  await page.locator('input[name=email]').fill(admin.email);
  await page.locator('input[name=password]').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: `Welcome, ${admin.name}` })).toBeVisible();
}
